using Stampede.Metrics;

namespace Stampede.History;

/// <summary>
/// Names of the figures a metric has (<c>avg</c>, <c>med</c>, <c>p90</c>, <c>p95</c>, <c>p99</c>, <c>min</c>,
/// <c>max</c>, <c>rate</c>, <c>count</c>, <c>value</c>) and how to read each from a run's values and per-second timeline.
/// </summary>
public static class Aggregation
{
    /// <summary>Every aggregation name understood.</summary>
    public static IReadOnlyList<string> Names { get; } = ["avg", "min", "med", "max", "p90", "p95", "p99", "rate", "count", "value", "sum"];

    /// <summary>Splits <c>metric:aggregation</c> (e.g. <c>http_req_duration:p95</c>); a missing aggregation defaults by kind later (null).</summary>
    public static (string Metric, string? Aggregation) ParseSelector(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon > 0 && Normalize(text[(colon + 1)..]) is { } aggregation)
        {
            return (text[..colon], aggregation);
        }

        return (text, null);
    }

    /// <summary>The canonical name for <paramref name="name"/> (accepts <c>p(95)</c>, <c>median</c>, <c>p50</c>), or null when unknown.</summary>
    public static string? Normalize(string name)
    {
        var text = name.Trim().ToLowerInvariant().Replace("(", "", StringComparison.Ordinal).Replace(")", "", StringComparison.Ordinal);
        return text switch
        {
            "median" or "p50" => "med",
            "mean" => "avg",
            _ when Names.Contains(text) => text,
            _ => null,
        };
    }

    /// <summary>The aggregation used when none is named: p95 for trends, rate for rates and counters, value for gauges.</summary>
    public static string DefaultFor(MetricResult metric) => metric.Kind switch
    {
        MetricKind.Trend => "p95",
        MetricKind.Gauge => "value",
        _ => "rate",
    };

    /// <summary>The aggregated figure, or null when the metric has no such figure.</summary>
    public static double? Value(ResultValues values, string aggregation) => aggregation switch
    {
        "avg" => values.Avg,
        "min" => values.Min,
        "med" => values.Med,
        "max" => values.Max,
        "p90" => values.P90,
        "p95" => values.P95,
        "p99" => values.P99,
        "rate" => values.Rate,
        "count" => values.Count,
        "value" => values.Value,
        "sum" => values.Sum,
        _ => null,
    };

    /// <summary>
    /// The figure for each second of <paramref name="timeline"/> (seconds without samples are left out, so an idle
    /// second does not count as a fast one), or an empty list when the timeline does not carry it.
    /// </summary>
    public static IReadOnlyList<SecondValue> PerSecond(TimelineResult? timeline, MetricKind kind, string aggregation)
    {
        if (timeline is null)
        {
            return [];
        }

        var points = new List<SecondValue>();
        if (kind == MetricKind.Rate)
        {
            if (aggregation is not ("rate" or "count") || timeline.Passes is null || timeline.Total is null)
            {
                return [];
            }

            var least = ThinSecond(timeline.Total);
            for (var i = 0; i < timeline.Total.Count && i < timeline.Passes.Count; i++)
            {
                if (timeline.Total[i] > 0 && timeline.Total[i] >= least)
                {
                    points.Add(new SecondValue(timeline.Start + i, aggregation == "rate" ? (double)timeline.Passes[i] / timeline.Total[i] : timeline.Total[i]));
                }
            }

            return points;
        }

        if (kind is MetricKind.Counter or MetricKind.Gauge)
        {
            if (timeline.Values is null || (kind == MetricKind.Counter && aggregation is not ("rate" or "count")) || (kind == MetricKind.Gauge && aggregation is not ("value" or "min" or "max" or "avg")))
            {
                return [];
            }

            for (var i = 0; i < timeline.Values.Count; i++)
            {
                if (double.IsFinite(timeline.Values[i]))
                {
                    points.Add(new SecondValue(timeline.Start + i, timeline.Values[i]));
                }
            }

            if (kind == MetricKind.Counter)
            {
                // The first and last seconds are usually cut short by start-up and teardown; a counter's per-second
                // amount there is a measurement artefact, not a slowdown. Mid-run dips are kept: they are real.
                var typical = Median([.. points.Select(p => p.Value)]);
                while (points.Count > 2 && points[^1].Value < 0.2 * typical)
                {
                    points.RemoveAt(points.Count - 1);
                }

                while (points.Count > 2 && points[0].Value < 0.2 * typical)
                {
                    points.RemoveAt(0);
                }
            }

            return points;
        }

        var column = aggregation switch
        {
            "avg" => timeline.Avg,
            "min" => timeline.Min,
            "max" => timeline.Max,
            "med" => timeline.P50,
            "p90" => timeline.P90,
            "p95" => timeline.P95,
            "p99" => timeline.P99,
            _ => null,
        };
        if (column is null)
        {
            return [];
        }

        var fewest = timeline.Total is null ? 0 : ThinSecond(timeline.Total);
        for (var i = 0; i < column.Count; i++)
        {
            var hasSamples = timeline.Total is null || (i < timeline.Total.Count && timeline.Total[i] > 0 && timeline.Total[i] >= fewest);
            if (hasSamples && double.IsFinite(column[i]))
            {
                points.Add(new SecondValue(timeline.Start + i, column[i]));
            }
        }

        return points;
    }

    // A second with a fifth of the usual samples (the tail of a run, a ramp's first VU) gives a percentile that
    // says more about sample size than about the system; it is left out of per-second statistics.
    private static double ThinSecond(IReadOnlyList<long> totals) =>
        0.2 * Median([.. totals.Where(t => t > 0).Select(t => (double)t)]);

    internal static double Median(double[] values)
    {
        if (values.Length == 0)
        {
            return 0;
        }

        Array.Sort(values);
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}

/// <summary>One second's value in a run's timeline.</summary>
public readonly record struct SecondValue(int Second, double Value);
