namespace Stampede.Metrics;

/// <summary>
/// How a trend's double values map onto HdrHistogram's integers. Times are kept in microseconds up to one hour
/// and other values in thousandths, always with three significant digits (0.1% relative precision).
/// </summary>
internal readonly record struct TrendScale(double UnitsPerValue, long HighestTrackable)
{
    public const int SignificantDigits = 3;

    public static TrendScale For(MetricUnit unit) => unit switch
    {
        MetricUnit.Time => new TrendScale(1_000, 3_600_000_000),     // ms → µs, 1 h
        MetricUnit.Data => new TrendScale(1, 1_000_000_000_000),    // bytes, 1 TB
        _ => new TrendScale(1_000, 1_000_000_000_000),              // thousandths, up to 10^9
    };

    public long ToUnits(double value)
    {
        if (!(value > 0))
        {
            return 0;   // also NaN
        }

        var units = value * UnitsPerValue;
        return units >= HighestTrackable ? HighestTrackable : (long)(units + 0.5);
    }

    public double ToValue(long units) => units / UnitsPerValue;
}
