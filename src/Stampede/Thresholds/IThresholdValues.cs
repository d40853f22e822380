namespace Stampede.Thresholds;

/// <summary>Reads the statistics of one metric or submetric for threshold evaluation.</summary>
internal interface IThresholdValues
{
    /// <summary>
    /// The value of <paramref name="aggregation"/>, in the metric's display unit (milliseconds for time trends);
    /// <paramref name="percentile"/> is meaningful only for <see cref="Aggregation.Percentile"/> and is 0 otherwise.
    /// Returns null when the metric has no samples.
    /// </summary>
    double? Get(Aggregation aggregation, double percentile);
}
