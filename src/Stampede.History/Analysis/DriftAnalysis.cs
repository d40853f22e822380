using Stampede.History.Statistics;
using Stampede.Metrics;

namespace Stampede.History.Analysis;

/// <summary>
/// Soak analysis: does a figure (per-second p95, throughput, a memory gauge) trend over a long run? The slope is
/// Theil–Sen's (robust to spikes); the confidence is a Mann–Kendall trend test; drift is declared when the trend
/// is significant and moves the figure by at least <see cref="DriftOptions.MinChangePercent"/> over the run.
/// </summary>
public static class DriftAnalysis
{
    /// <summary>Gauges that, when the target is monitored, show its memory; the first present is used by <see cref="AnalyzeMemory"/>.</summary>
    public static IReadOnlyList<string> MemoryMetrics { get; } =
        ["process_resident_memory_bytes", "process_working_set_bytes", "dotnet_total_memory_bytes", "go_memstats_heap_inuse_bytes", "nodejs_heap_size_used_bytes"];

    /// <summary>
    /// Analyses <paramref name="metric"/>'s <paramref name="aggregation"/> over the run's seconds (null aggregation:
    /// p95 for trends, rate for counters and rates, value for gauges). Returns null when the run has no such metric.
    /// </summary>
    public static DriftResult? Analyze(RunResult result, string metric, string? aggregation = null, DriftOptions? options = null)
    {
        if (result.Metric(metric) is not { } found)
        {
            return null;
        }

        aggregation ??= Aggregation.DefaultFor(found);
        var points = Aggregation.PerSecond(found.Timeline, found.Kind, aggregation);
        return Analyze(metric, aggregation, found.Unit, points, options);
    }

    /// <summary>Memory growth of the monitored target: drift of <paramref name="gauge"/> (default: the first of <see cref="MemoryMetrics"/> present), or null when none is.</summary>
    public static DriftResult? AnalyzeMemory(RunResult result, string? gauge = null, DriftOptions? options = null)
    {
        var name = gauge ?? MemoryMetrics.FirstOrDefault(m => result.Metric(m) is not null);
        return name is null ? null : Analyze(result, name, "value", options);
    }

    /// <summary>Analyses a series of per-second points directly.</summary>
    public static DriftResult Analyze(string metric, string aggregation, MetricUnit unit, IReadOnlyList<SecondValue> points, DriftOptions? options = null)
    {
        options ??= new DriftOptions();
        var result = new DriftResult { Metric = metric, Aggregation = aggregation, Unit = unit, Points = points.Count, Verdict = DriftVerdict.TooShort };
        if (points.Count < Math.Max(3, options.MinPoints))
        {
            return result;
        }

        var (x, y) = Bucket(points, options.MaxBuckets);
        var (slopePerSecond, _) = TheilSen.Fit(x, y);
        var trend = MannKendall.Test(y);
        var median = Aggregation.Median([.. points.Select(p => p.Value)]);
        var span = points[^1].Second - points[0].Second;
        var change = median == 0 ? (slopePerSecond == 0 ? 0 : 100 * Math.Sign(slopePerSecond)) : slopePerSecond * span / Math.Abs(median) * 100;
        var drifting = trend.PValue < options.Alpha && Math.Abs(change) >= options.MinChangePercent && slopePerSecond != 0;
        return result with
        {
            SlopePerHour = slopePerSecond * 3600,
            Median = median,
            ChangeOverRunPercent = change,
            PValue = trend.PValue,
            Tau = trend.Tau,
            Verdict = !drifting ? DriftVerdict.NoDrift : slopePerSecond > 0 ? DriftVerdict.Increasing : DriftVerdict.Decreasing,
        };
    }

    private static (double[] X, double[] Y) Bucket(IReadOnlyList<SecondValue> points, int maxBuckets)
    {
        var size = (int)Math.Ceiling(points.Count / (double)Math.Max(3, maxBuckets));
        if (size <= 1)
        {
            return ([.. points.Select(p => (double)p.Second)], [.. points.Select(p => p.Value)]);
        }

        var x = new List<double>();
        var y = new List<double>();
        for (var start = 0; start < points.Count; start += size)
        {
            var bucket = points.Skip(start).Take(size).ToArray();
            x.Add(Aggregation.Median([.. bucket.Select(p => (double)p.Second)]));
            y.Add(Aggregation.Median([.. bucket.Select(p => p.Value)]));
        }

        return ([.. x], [.. y]);
    }
}
