using System.Text.Json.Nodes;
using HdrHistogram;
using Stampede.Metrics;
using Stampede.Thresholds;

namespace Stampede.K6.Summary;

/// <summary>
/// The <c>data</c> object k6 hands to <c>handleSummary</c>, built from a run's result: <c>root_group</c>,
/// <c>options</c>, <c>state</c>, <c>metrics</c> (each metric, and each submetric a threshold names) and
/// <c>setup_data</c>. Built as a JSON tree by hand so that it needs no reflection (the assembly is AOT-compatible).
/// </summary>
internal static class K6SummaryData
{
    /// <summary>
    /// The data object of <paramref name="result"/>. <paramref name="summaryTrendStats"/> picks the trend columns
    /// (default k6's); <paramref name="setupDataJson"/> is what <c>setup()</c> returned, as JSON, or null for none;
    /// the terminal flags are the CLI's, since the library never looks at the console.
    /// </summary>
    public static JsonObject From(
        RunResult result,
        IReadOnlyList<string>? summaryTrendStats = null,
        string? setupDataJson = null,
        bool noColor = false,
        bool isStdOutTty = false,
        bool isStdErrTty = false,
        string? summaryTimeUnit = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var statNames = summaryTrendStats ?? TrendStat.Defaults;
        var stats = statNames.Select(TrendStat.Parse).ToList();
        var data = new JsonObject
        {
            ["root_group"] = K6GroupTree.Build(result),
            ["options"] = new JsonObject
            {
                ["summaryTrendStats"] = new JsonArray([.. statNames.Select(s => (JsonNode)JsonValue.Create(s))]),
                ["summaryTimeUnit"] = summaryTimeUnit ?? "",
                ["noColor"] = noColor,
            },
            ["state"] = new JsonObject
            {
                ["isStdOutTTY"] = isStdOutTty,
                ["isStdErrTTY"] = isStdErrTty,
                ["testRunDurationMs"] = Finite(result.Meta.DurationSeconds * 1000),
            },
            ["metrics"] = Metrics(result, stats),
        };

        // k6 leaves setup_data undefined when setup() returned nothing, so the key is absent rather than null.
        if (setupDataJson is not null)
        {
            data["setup_data"] = JsonNode.Parse(setupDataJson);
        }

        return data;
    }

    private static JsonObject Metrics(RunResult result, IReadOnlyList<TrendStat> stats)
    {
        var seconds = result.Meta.DurationSeconds;
        var metrics = new JsonObject();
        foreach (var metric in result.Metrics.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            var histogram = new Lazy<HistogramBase?>(() => metric.Histogram is { } encoded ? HistogramCodec.Decode(encoded) : null);
            double? Percentile(double p) =>
                histogram.Value is not { TotalCount: > 0 } h ? null
                : metric.Values is { Min: { } min, Max: { } max } ? TrendStats.Percentile(h, TrendScale.For(metric.Unit), p, min, max)
                : TrendStats.Percentile(h, TrendScale.For(metric.Unit), p);
            metrics[metric.Name] = Metric(metric.Kind, metric.Unit, metric.Values, Percentile, stats, seconds);
        }

        foreach (var threshold in result.Thresholds)
        {
            if (!metrics.ContainsKey(threshold.Metric))
            {
                // A submetric a threshold names (k6 makes it then), or a metric that got no sample.
                if (KindOf(result, threshold.Metric.Split('{', 2)[0]) is not var (kind, unit))
                {
                    continue;   // a custom metric that never got a sample: its kind is not known
                }

                var values = SubmetricValues.Of(result, threshold.Metric);
                metrics[threshold.Metric] = Metric(
                    kind, unit, values?.ToResult() ?? new ResultValues(), p => values?.Percentile(p), stats, seconds);
            }

            var entry = metrics[threshold.Metric]!.AsObject();
            if (entry["thresholds"] is not JsonObject thresholds)
            {
                thresholds = [];
                entry["thresholds"] = thresholds;
            }

            // Only a failure is not ok: a threshold whose metric had no data did not fail, as in k6.
            thresholds[threshold.Expression] = new JsonObject { ["ok"] = threshold.Outcome != ThresholdOutcomeNames.Failed };
        }

        return metrics;
    }

    /// <summary>The kind and unit of the metric <paramref name="name"/>: from the result, else a built-in's, else unknown.</summary>
    private static (MetricKind Kind, MetricUnit Unit)? KindOf(RunResult result, string name) =>
        result.Metric(name) is { } metric ? (metric.Kind, metric.Unit)
        : BuiltinMetrics.All.FirstOrDefault(m => m.Name == name) is { } builtin ? (builtin.Kind, builtin.Unit)
        : null;

    private static JsonObject Metric(
        MetricKind kind, MetricUnit unit, ResultValues values, Func<double, double?> percentile, IReadOnlyList<TrendStat> stats, double seconds) => new()
    {
        ["type"] = kind switch
        {
            MetricKind.Counter => "counter",
            MetricKind.Gauge => "gauge",
            MetricKind.Rate => "rate",
            _ => "trend",
        },
        ["contains"] = unit switch
        {
            MetricUnit.Time => "time",
            MetricUnit.Data => "data",
            _ => "default",
        },
        ["values"] = Values(kind, values, percentile, stats, seconds),
    };

    private static JsonObject Values(MetricKind kind, ResultValues v, Func<double, double?> percentile, IReadOnlyList<TrendStat> stats, double seconds)
    {
        switch (kind)
        {
            case MetricKind.Counter:
                var count = v.Count ?? 0;
                // Per second of the whole run, as k6 divides by the test's duration (0 for a run of no length).
                return new JsonObject { ["count"] = Finite(count), ["rate"] = seconds > 0 ? Finite(count / seconds) : 0 };
            case MetricKind.Gauge:
                return new JsonObject { ["value"] = Finite(v.Value ?? 0), ["min"] = Finite(v.Min ?? 0), ["max"] = Finite(v.Max ?? 0) };
            case MetricKind.Rate:
                return new JsonObject { ["rate"] = Finite(v.Rate ?? 0), ["passes"] = v.Passes ?? 0, ["fails"] = v.Fails ?? 0 };
            default:
                var trend = new JsonObject();
                foreach (var stat in stats)
                {
                    trend[stat.Name] = Finite(stat.Of(v, percentile));
                }

                return trend;
        }
    }

    // JSON has no NaN or infinity; k6's summary shows 0 for a figure it cannot compute.
    private static double Finite(double value) => double.IsFinite(value) ? value : 0;
}
