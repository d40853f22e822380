using Stampede.Metrics;

namespace Stampede.Outputs;

/// <summary>
/// The names Stampede's metrics take in Prometheus, the Pushgateway and OTLP (and so in the Grafana dashboards):
/// <c>stampede_</c> plus the metric's name, then <c>_total</c> for counters, <c>_rate</c> for rates and
/// <c>_seconds</c> for time trends (exported as histograms in seconds, Prometheus' base unit). Gauges and other
/// trends keep the bare name. Tags become labels, from <see cref="Labels"/> only, so cardinality stays bounded
/// (<c>tenant</c> by the plan's organisations, <c>user</c> by its cap on distinct user tags).
/// </summary>
public static class ExportedMetricNames
{
    /// <summary>The prefix of every exported name.</summary>
    public const string Prefix = "stampede_";

    /// <summary>The tags exported as labels; others are dropped (a URL tag would create a series per URL).</summary>
    public static readonly IReadOnlyList<string> Labels = ["scenario", "group", "name", "method", "status", "expected_response", "error_code", "check", "proto", "model", "tenant", "user"];

    /// <summary>The label a folded series keeps, so per-tenant totals stay whole past the cap on label sets.</summary>
    public const string KeptWhenFolded = "tenant";

    /// <summary>The exported name of <paramref name="metric"/>.</summary>
    public static string Of(Metric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric.Kind switch
        {
            MetricKind.Counter => Prefix + metric.Name + "_total",
            MetricKind.Rate => Prefix + metric.Name + "_rate",
            MetricKind.Trend when metric.Unit == MetricUnit.Time => Prefix + metric.Name + "_seconds",
            _ => Prefix + metric.Name,
        };
    }

    /// <summary>A trend value in the exported unit (seconds for time, unchanged otherwise).</summary>
    public static double ExportedValue(Metric metric, double value) =>
        metric.Unit == MetricUnit.Time ? value / 1000 : value;

    /// <summary>The label values of <paramref name="tags"/>, in <see cref="Labels"/> order (empty when absent).</summary>
    public static string[] LabelValues(TagSet tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var values = new string[Labels.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = tags[Labels[i]] ?? "";
        }

        return values;
    }
}
