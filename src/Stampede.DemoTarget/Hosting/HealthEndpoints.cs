using Stampede.DemoTarget.Faults;
using Stampede.DemoTarget.Observability;

namespace Stampede.DemoTarget.Hosting;

/// <summary>
/// <c>GET /api/health</c>, and <c>GET /api/health/details</c>: the same health as nested JSON with the backend loop's
/// frequency, for clients that watch a target's health as JSON rather than Prometheus text.
/// </summary>
internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health/details", (ServerClock clock, ConcurrencyGate gate, LoopFrequencyMonitor loop) => Results.Ok(new HealthDetailsResponse(
            "ok",
            Math.Round(clock.Elapsed.TotalSeconds, 3),
            gate.InFlight,
            new LoopHealth(Math.Round(loop.Hz, 3), loop.TargetHz, loop.TotalTicks))));
        app.MapGet("/api/health", (DemoTargetOptions options, ServerClock clock, ConcurrencyGate gate) => Results.Ok(new HealthResponse(
            "ok",
            "stampede-demo-target",
            typeof(HealthEndpoints).Assembly.GetName().Version?.ToString() ?? "0.0.0",
            options.Seed,
            Math.Round(clock.Elapsed.TotalSeconds, 3),
            gate.InFlight)));
    }
}
