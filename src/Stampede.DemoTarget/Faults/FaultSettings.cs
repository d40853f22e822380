using System.Globalization;

namespace Stampede.DemoTarget.Faults;

/// <summary>The fault knobs in force for one request: the server's options, overridden by the request's own.</summary>
internal sealed record FaultSettings(
    TimeSpan AddedLatency,
    double ErrorRate,
    double DropRate,
    TimeSpan StallFor,
    TimeSpan StallEvery,
    int SlowBodyBytesPerSecond)
{
    public const string LatencyHeader = "X-Fault-Latency";
    public const string ErrorRateHeader = "X-Fault-Error-Rate";
    public const string DropRateHeader = "X-Fault-Drop-Rate";
    public const string StallForHeader = "X-Fault-Stall-For";
    public const string StallEveryHeader = "X-Fault-Stall-Every";
    public const string SlowBodyHeader = "X-Fault-Slow-Body";

    public static FaultSettings From(DemoTargetOptions options) => new(
        options.AddedLatency,
        options.ErrorRate,
        options.DropRate,
        options.StallFor,
        options.StallEvery,
        options.SlowBodyBytesPerSecond);

    public bool HasStalls => StallFor > TimeSpan.Zero && StallEvery > StallFor;

    /// <summary>
    /// Applies <c>X-Fault-*</c> headers and <c>fault-*</c> query parameters (times in milliseconds, rates 0–1,
    /// slow body in bytes per second). Unparseable or out-of-range values are ignored, keeping the server's setting.
    /// </summary>
    public FaultSettings WithOverrides(HttpRequest request)
    {
        if (!HasOverrides(request))
        {
            return this;
        }

        return new FaultSettings(
            Millis(request, LatencyHeader, "fault-latency") ?? AddedLatency,
            Rate(request, ErrorRateHeader, "fault-error-rate") ?? ErrorRate,
            Rate(request, DropRateHeader, "fault-drop-rate") ?? DropRate,
            Millis(request, StallForHeader, "fault-stall-for") ?? StallFor,
            Millis(request, StallEveryHeader, "fault-stall-every") ?? StallEvery,
            (int?)Number(request, SlowBodyHeader, "fault-slow-body") ?? SlowBodyBytesPerSecond);
    }

    private static bool HasOverrides(HttpRequest request)
    {
        foreach (var header in request.Headers)
        {
            if (header.Key.StartsWith("X-Fault-", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        if (request.QueryString.HasValue)
        {
            foreach (var pair in request.Query)
            {
                if (pair.Key.StartsWith("fault-", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string? Raw(HttpRequest request, string header, string query)
    {
        if (request.Headers.TryGetValue(header, out var h) && h.Count > 0)
        {
            return h[0];
        }

        return request.Query.TryGetValue(query, out var q) && q.Count > 0 ? q[0] : null;
    }

    private static double? Number(HttpRequest request, string header, string query) =>
        double.TryParse(Raw(request, header, query), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
        && value >= 0 && value <= int.MaxValue
            ? value
            : null;

    private static TimeSpan? Millis(HttpRequest request, string header, string query) =>
        Number(request, header, query) is { } ms ? TimeSpan.FromMilliseconds(ms) : null;

    private static double? Rate(HttpRequest request, string header, string query) =>
        Number(request, header, query) is { } rate and <= 1 ? rate : null;
}
