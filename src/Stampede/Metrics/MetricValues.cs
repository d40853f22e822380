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

    /// <summary>The kind of metric these are values of, which decides the figures that are set.</summary>
    internal MetricKind Kind { get; init; }

    /// <summary>The value at <paramref name="percentile"/> (0–100) for a trend, or null.</summary>
    public double? Percentile(double percentile) =>
        Histogram is { TotalCount: > 0 } histogram
            ? Min is { } min && Max is { } max ? TrendStats.Percentile(histogram, Scale, percentile, min, max) : TrendStats.Percentile(histogram, Scale, percentile)
            : null;

    /// <summary>Aggregates <paramref name="series"/> (all of one metric) over <paramref name="elapsed"/> of run time.</summary>
    public static MetricValues Of(Metric metric, IEnumerable<Series> series, TimeSpan elapsed) =>
        Of(metric.Kind, metric.Unit, series.Select(SeriesTotals.Of), elapsed.TotalSeconds);

    /// <summary>
    /// The one place that knows how each kind's values come from its series: live ones during a run, and those a
    /// saved result holds when a submetric is worked out again from it.
    /// </summary>
    internal static MetricValues Of(MetricKind kind, MetricUnit unit, IEnumerable<SeriesTotals> series, double elapsedSeconds)
    {
        var seconds = Math.Max(elapsedSeconds, 1e-9);
        switch (kind)
        {
            case MetricKind.Counter:
                var total = series.Sum(s => s.Count);
                return new MetricValues { Kind = kind, Count = total, Rate = total / seconds };
            case MetricKind.Rate:
                long passes = 0, all = 0;
                foreach (var rate in series)
                {
                    passes += rate.Passes;
                    all += (long)rate.Count;
                }

                return new MetricValues
                {
                    Kind = kind,
                    Count = all,
                    Passes = passes,
                    Fails = all - passes,
                    Rate = all == 0 ? null : (double)passes / all,
                };
            case MetricKind.Gauge:
                var gauges = series.Where(g => g.Value is not null).ToList();
                return gauges.Count == 0
                    ? new MetricValues { Kind = kind }
                    : new MetricValues
                    {
                        Kind = kind,
                        Value = gauges.Sum(g => g.Value!.Value),
                        Min = gauges.Min(g => g.Min),
                        Max = gauges.Max(g => g.Max),
                    };
            default:
                return OfTrends(unit, series);
        }
    }

    /// <summary>
    /// These values as one series' totals, so that values merged on one machine can be merged again with another's
    /// by <see cref="Of(MetricKind, MetricUnit, IEnumerable{SeriesTotals}, double)"/>.
    /// </summary>
    internal SeriesTotals AsTotals() => new(Count, Passes ?? 0, Value, Min, Max, Sum ?? 0, Histogram);

    /// <summary>The values as the JSON result holds them: only the kind's own figures.</summary>
    internal ResultValues ToResult() => new()
    {
        // Every figure a kind does not have is already null, except the count, which a gauge does not have either.
        Count = Kind == MetricKind.Gauge ? null : Count,
        Rate = Rate,
        Passes = Passes,
        Fails = Fails,
        Value = Value,
        Avg = Avg,
        Min = Min,
        Med = Med,
        Max = Max,
        P90 = P90,
        P95 = P95,
        P99 = P99,
        Sum = Sum,
    };

    private static MetricValues OfTrends(MetricUnit unit, IEnumerable<SeriesTotals> trends)
    {
        var scale = TrendScale.For(unit);
        var merged = new LongHistogram(scale.HighestTrackable, TrendScale.SignificantDigits);
        double count = 0, sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var trend in trends)
        {
            if (trend.Count == 0)
            {
                continue;
            }

            if (trend.Histogram is { } histogram)
            {
                merged.Add(histogram);
            }

            count += trend.Count;
            sum += trend.Sum;
            min = Math.Min(min, trend.Min ?? double.PositiveInfinity);
            max = Math.Max(max, trend.Max ?? double.NegativeInfinity);
        }

        if (count == 0)
        {
            return new MetricValues { Kind = MetricKind.Trend, Histogram = merged, Scale = scale };
        }

        return new MetricValues
        {
            Kind = MetricKind.Trend,
            Count = count,
            Sum = sum,
            Avg = sum / count,
            Min = double.IsFinite(min) ? min : null,
            Max = double.IsFinite(max) ? max : null,
            Med = TrendStats.Percentile(merged, scale, 50, min, max),
            P90 = TrendStats.Percentile(merged, scale, 90, min, max),
            P95 = TrendStats.Percentile(merged, scale, 95, min, max),
            P99 = TrendStats.Percentile(merged, scale, 99, min, max),
            Histogram = merged,
            Scale = scale,
        };
    }
}
