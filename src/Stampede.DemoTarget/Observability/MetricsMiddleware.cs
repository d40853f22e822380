namespace Stampede.DemoTarget.Observability;

/// <summary>Records every request's route, status and duration; outermost, so queueing and faults count.</summary>
internal sealed class MetricsMiddleware(DemoMetrics metrics, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var start = time.GetTimestamp();
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            var status = context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted ? 499 : context.Response.StatusCode;
            metrics.RecordRequest(route, context.Request.Method, status, time.GetElapsedTime(start));
        }
    }
}
