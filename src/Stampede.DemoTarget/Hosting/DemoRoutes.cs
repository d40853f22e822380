namespace Stampede.DemoTarget.Hosting;

/// <summary>Which requests the pipeline treats specially.</summary>
internal static class DemoRoutes
{
    public const string Metrics = "/metrics";

    /// <summary><c>/metrics</c> is never faulted nor queued: a scrape must tell the truth about an overloaded server.</summary>
    public static bool IsExempt(HttpContext context) => context.Request.Path.StartsWithSegments(Metrics, StringComparison.Ordinal);

    /// <summary>Streaming endpoints cut the connection mid-stream for the drop fault, instead of before answering.</summary>
    public static bool IsStreaming(HttpContext context) =>
        context.WebSockets.IsWebSocketRequest
        || (HttpMethods.IsPost(context.Request.Method)
            && (context.Request.Path.StartsWithSegments("/api/chat", StringComparison.Ordinal)
                || context.Request.Path.StartsWithSegments("/v1/chat/completions", StringComparison.Ordinal)));
}
