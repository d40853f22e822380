namespace Stampede.Metrics;

/// <summary>The names metric kinds go by in results, reports and exports: <c>counter</c>, <c>gauge</c>, <c>rate</c>, <c>trend</c>.</summary>
public static class MetricKindExtensions
{
    /// <summary>The phrase error messages use for the names a result may hold.</summary>
    internal const string Expected = "counter, gauge, rate or trend";

    /// <summary>The kind's name as the JSON result writes it (k6's word for it).</summary>
    public static string Name(this MetricKind kind) => kind switch
    {
        MetricKind.Counter => "counter",
        MetricKind.Gauge => "gauge",
        MetricKind.Rate => "rate",
        MetricKind.Trend => "trend",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The kind named <paramref name="name"/> (exactly as <see cref="Name"/> writes it), or false.</summary>
    internal static bool TryParse(string? name, out MetricKind kind)
    {
        (var known, kind) = name switch
        {
            "counter" => (true, MetricKind.Counter),
            "gauge" => (true, MetricKind.Gauge),
            "rate" => (true, MetricKind.Rate),
            "trend" => (true, MetricKind.Trend),
            _ => (false, default),
        };
        return known;
    }
}
