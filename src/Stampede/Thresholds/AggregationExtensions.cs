using System.Globalization;
using Stampede.Metrics;

namespace Stampede.Thresholds;

/// <summary>Names of aggregations and which metric kinds they apply to (k6's table).</summary>
internal static class AggregationExtensions
{
    public const string Expected = "avg, min, max, med, p(N), rate, count, value";

    /// <summary>The aggregation as a user writes it: <c>avg</c>, <c>p(99.9)</c>, …</summary>
    public static string Display(this Aggregation aggregation, double? percentile) => aggregation switch
    {
        Aggregation.Avg => "avg",
        Aggregation.Min => "min",
        Aggregation.Max => "max",
        Aggregation.Med => "med",
        Aggregation.Percentile => $"p({(percentile ?? 0).ToString("R", CultureInfo.InvariantCulture)})",
        Aggregation.Rate => "rate",
        Aggregation.Count => "count",
        Aggregation.Value => "value",
        _ => throw new ArgumentOutOfRangeException(nameof(aggregation), aggregation, null),
    };

    public static bool AppliesTo(this Aggregation aggregation, MetricKind kind) => kind switch
    {
        MetricKind.Counter => aggregation is Aggregation.Count or Aggregation.Rate,
        MetricKind.Gauge => aggregation is Aggregation.Value or Aggregation.Min or Aggregation.Max,
        MetricKind.Rate => aggregation is Aggregation.Rate,
        MetricKind.Trend => aggregation is Aggregation.Avg or Aggregation.Min or Aggregation.Max or Aggregation.Med
            or Aggregation.Percentile or Aggregation.Count,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The aggregations a kind accepts, as a phrase for error messages ("count or rate").</summary>
    public static string Accepted(MetricKind kind) => kind switch
    {
        MetricKind.Counter => "count or rate",
        MetricKind.Gauge => "value, min or max",
        MetricKind.Rate => "rate",
        MetricKind.Trend => "avg, min, max, med, p(N) or count",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
