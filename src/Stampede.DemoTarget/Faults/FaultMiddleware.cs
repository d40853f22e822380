using Stampede.DemoTarget.Hosting;
using Stampede.DemoTarget.Observability;
using Stampede.DemoTarget.Streaming;

namespace Stampede.DemoTarget.Faults;

/// <summary>
/// Gives each request its seeded random and fault knobs, then applies the faults that act before an answer:
/// stalls, added latency, injected 500s, dropped connections (streaming endpoints drop mid-stream instead)
/// and slow bodies.
/// </summary>
internal sealed class FaultMiddleware(DemoTargetOptions options, ServerClock clock, DemoMetrics metrics)
{
    private readonly FaultSettings _defaults = FaultSettings.From(options);
    private long _sequence;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (DemoRoutes.IsExempt(context))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var faults = options.AllowRequestFaults ? _defaults.WithOverrides(context.Request) : _defaults;
        var state = new RequestState(SeededRandom.Derive(options.Seed, Interlocked.Increment(ref _sequence)), faults);
        context.Features.Set(state);
        var aborted = context.RequestAborted;
        try
        {
            await clock.DelayAsync(clock.StallRemaining(faults), aborted).ConfigureAwait(false);
            await clock.DelayAsync(faults.AddedLatency, aborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            return;
        }

        if (state.Random.Chance(faults.ErrorRate))
        {
            metrics.InjectedError();
            await new JsonStatusResult<ErrorResponse>(
                new ErrorResponse("injected_fault", "Injected by the error-rate fault."),
                StatusCodes.Status500InternalServerError).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        if (!DemoRoutes.IsStreaming(context) && state.Random.Chance(faults.DropRate))
        {
            metrics.DroppedConnection();
            context.Abort();
            return;
        }

        if (faults.SlowBodyBytesPerSecond > 0 && !context.WebSockets.IsWebSocketRequest)
        {
            var original = context.Response.Body;
            context.Response.Body = new ThrottledStream(original, faults.SlowBodyBytesPerSecond, clock.Time);
            try
            {
                await next(context).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
            }
            finally
            {
                context.Response.Body = original;
            }

            return;
        }

        await next(context).ConfigureAwait(false);
    }
}
