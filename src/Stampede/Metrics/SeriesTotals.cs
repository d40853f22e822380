using HdrHistogram;

namespace Stampede.Metrics;

/// <summary>
/// What one series adds to its metric's values, whether the series is live (<see cref="Series"/>, during a run) or
/// read back from a result (<see cref="SeriesResult"/>, for a submetric of a saved run): both are merged by the one
/// rule in <see cref="MetricValues.Of(MetricKind, MetricUnit, IEnumerable{SeriesTotals}, double)"/>.
/// </summary>
/// <param name="Count">Counter: the total. Rate and trend: samples.</param>
/// <param name="Passes">Rate: non-zero samples.</param>
/// <param name="Value">Gauge: the last value; null when none was set.</param>
/// <param name="Min">Gauge and trend: the smallest value.</param>
/// <param name="Max">Gauge and trend: the largest value.</param>
/// <param name="Sum">Trend: the sum of the samples.</param>
/// <param name="Histogram">Trend: the samples.</param>
internal readonly record struct SeriesTotals(
    double Count, long Passes, double? Value, double? Min, double? Max, double Sum, HistogramBase? Histogram)
{
    public static SeriesTotals Of(Series series) => series switch
    {
        CounterSeries counter => new SeriesTotals { Count = counter.Total },
        RateSeries rate => new SeriesTotals { Count = rate.Total, Passes = rate.Passes },
        GaugeSeries { HasValue: true } gauge => new SeriesTotals { Value = gauge.Value, Min = gauge.Min, Max = gauge.Max },
        TrendSeries trend => new SeriesTotals
        {
            Count = trend.Cumulative.TotalCount,
            Sum = trend.CollectedSum,
            Min = trend.Min,
            Max = trend.Max,
            Histogram = trend.Cumulative,
        },
        _ => default,
    };

    public static SeriesTotals Of(SeriesResult series) => new(
        series.Values.Count ?? 0, series.Values.Passes ?? 0, series.Values.Value, series.Values.Min, series.Values.Max,
        series.Values.Sum ?? 0, series.Histogram is { } encoded ? HistogramCodec.Decode(encoded) : null);
}
