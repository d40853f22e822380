using Stampede.DemoTarget.Faults;

namespace Stampede.DemoTarget.Hosting;

/// <summary><c>GET /api/health</c>.</summary>
internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/health", (DemoTargetOptions options, ServerClock clock, ConcurrencyGate gate) => Results.Ok(new HealthResponse(
            "ok",
            "stampede-demo-target",
            typeof(HealthEndpoints).Assembly.GetName().Version?.ToString() ?? "0.0.0",
            options.Seed,
            Math.Round(clock.Elapsed.TotalSeconds, 3),
            gate.InFlight)));
}
