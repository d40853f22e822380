using HdrHistogram;

namespace Stampede.Metrics;

/// <summary>Summary statistics of a trend's samples. Min, max and average are exact; percentiles are within 0.1%.</summary>
public sealed record TrendStats(long Count, double Sum, double Min, double Max, double Med, double P90, double P95, double P99)
{
    /// <summary>The mean, or 0 with no samples.</summary>
    public double Avg => Count == 0 ? 0 : Sum / Count;

    /// <summary>Statistics with no samples.</summary>
    public static TrendStats Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);

    internal static TrendStats From(HistogramBase histogram, TrendScale scale, double sum, double min, double max)
    {
        var count = histogram.TotalCount;
        if (count == 0)
        {
            return Empty;
        }

        return new TrendStats(
            count, sum, min, max,
            Percentile(histogram, scale, 50, min, max), Percentile(histogram, scale, 90, min, max),
            Percentile(histogram, scale, 95, min, max), Percentile(histogram, scale, 99, min, max));
    }

    /// <summary>The value at <paramref name="percentile"/> (0–100) of the histogram, in the metric's unit.</summary>
    internal static double Percentile(HistogramBase histogram, TrendScale scale, double percentile) =>
        histogram.TotalCount == 0 ? 0 : scale.ToValue(histogram.HighestEquivalentValue(histogram.GetValueAtPercentile(percentile)));

    /// <summary>
    /// The percentile held within the exact <paramref name="min"/> and <paramref name="max"/>: a bucket's highest
    /// equivalent value can lie up to the histogram's precision above the largest sample, and a p95 above the max
    /// reads as a wrong figure.
    /// </summary>
    internal static double Percentile(HistogramBase histogram, TrendScale scale, double percentile, double min, double max)
    {
        var value = Percentile(histogram, scale, percentile);
        return min <= max ? Math.Clamp(value, min, max) : value;
    }
}
