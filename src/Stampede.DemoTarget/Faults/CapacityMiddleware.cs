using Stampede.DemoTarget.Hosting;

namespace Stampede.DemoTarget.Faults;

/// <summary>
/// Holds each request to the <see cref="ConcurrencyGate"/>. WebSocket sessions and <c>/metrics</c> are left out:
/// a session lasts minutes, and a scrape must still work when the server is saturated.
/// </summary>
internal sealed class CapacityMiddleware(ConcurrencyGate gate)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (DemoRoutes.IsExempt(context) || context.WebSockets.IsWebSocketRequest)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        bool entered;
        try
        {
            entered = await gate.EnterAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        if (!entered)
        {
            context.Response.Headers.RetryAfter = "1";
            await new JsonStatusResult<ErrorResponse>(
                new ErrorResponse("overloaded", $"The server is at capacity ({gate.Capacity} requests in flight and the queue is full or too slow)."),
                StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }
}
