using HdrHistogram;

namespace Stampede.Metrics;

/// <summary>
/// A metric's values over a set of its series (all of them, or those a submetric filter selects), as the summary,
/// thresholds and the JSON result see them. Which members are set depends on the kind.
/// </summary>
public sealed record MetricValues
{
    /// <summary>Counter: the total. Rate: samples. Trend: samples.</summary>
    public double Count { get; init; }

    /// <summary>Counter: total per second of run time. Rate: share of non-zero samples (0–1).</summary>
    public double? Rate { get; init; }

    /// <summary>Rate: non-zero samples.</summary>
    public long? Passes { get; init; }

    /// <summary>Rate: zero samples.</summary>
    public long? Fails { get; init; }

    /// <summary>Gauge: the last value (the sum over the selected series).</summary>
    public double? Value { get; init; }

    /// <summary>Gauge and trend: the smallest value.</summary>
    public double? Min { get; init; }

    /// <summary>Gauge and trend: the largest value.</summary>
    public double? Max { get; init; }

    /// <summary>Trend: the mean.</summary>
    public double? Avg { get; init; }

    /// <summary>Trend: the median.</summary>
    public double? Med { get; init; }

    /// <summary>Trend: 90th percentile.</summary>
    public double? P90 { get; init; }

    /// <summary>Trend: 95th percentile.</summary>
    public double? P95 { get; init; }

    /// <summary>Trend: 99th percentile.</summary>
    public double? P99 { get; init; }

    /// <summary>Trend: the sum of all samples.</summary>
    public double? Sum { get; init; }

    /// <summary>True when the selected series hold no sample.</summary>
    public bool IsEmpty => Count == 0 && Value is null;

    /// <summary>Trend: the merged histogram, for any other percentile.</summary>
    internal HistogramBase? Histogram { get; init; }

    internal TrendScale Scale { get; init; }

    /// <summary>The value at <paramref name="percentile"/> (0–100) for a trend, or null.</summary>
    public double? Percentile(double percentile) =>
        Histogram is { TotalCount: > 0 } histogram ? TrendStats.Percentile(histogram, Scale, percentile) : null;

    /// <summary>Aggregates <paramref name="series"/> (all of one metric) over <paramref name="elapsed"/> of run time.</summary>
    public static MetricValues Of(Metric metric, IEnumerable<Series> series, TimeSpan elapsed)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-9);
        switch (metric.Kind)
        {
            case MetricKind.Counter:
                var total = series.OfType<CounterSeries>().Sum(s => s.Total);
                return new MetricValues { Count = total, Rate = total / seconds };
            case MetricKind.Rate:
                long passes = 0, all = 0;
                foreach (var rate in series.OfType<RateSeries>())
                {
                    passes += rate.Passes;
                    all += rate.Total;
                }

                return new MetricValues { Count = all, Passes = passes, Fails = all - passes, Rate = all == 0 ? null : (double)passes / all };
            case MetricKind.Gauge:
                var gauges = series.OfType<GaugeSeries>().Where(g => g.HasValue).ToList();
                return gauges.Count == 0
                    ? new MetricValues()
                    : new MetricValues { Value = gauges.Sum(g => g.Value), Min = gauges.Min(g => g.Min), Max = gauges.Max(g => g.Max) };
            default:
                return OfTrends(metric, series.OfType<TrendSeries>());
        }
    }

    private static MetricValues OfTrends(Metric metric, IEnumerable<TrendSeries> trends)
    {
        var scale = TrendScale.For(metric.Unit);
        var merged = new LongHistogram(scale.HighestTrackable, TrendScale.SignificantDigits);
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var trend in trends)
        {
            if (trend.Cumulative.TotalCount == 0)
            {
                continue;
            }

            merged.Add(trend.Cumulative);
            sum += trend.CollectedSum;
            min = Math.Min(min, trend.Min);
            max = Math.Max(max, trend.Max);
        }

        var stats = TrendStats.From(merged, scale, sum, min, max);
        if (stats.Count == 0)
        {
            return new MetricValues { Histogram = merged, Scale = scale };
        }

        return new MetricValues
        {
            Count = stats.Count, Sum = stats.Sum, Avg = stats.Avg, Min = stats.Min, Max = stats.Max,
            Med = stats.Med, P90 = stats.P90, P95 = stats.P95, P99 = stats.P99, Histogram = merged, Scale = scale,
        };
    }
}
