namespace Stampede.Metrics;

/// <summary>What a metric's values measure; decides how they are displayed and stored.</summary>
public enum MetricUnit
{
    /// <summary>A plain number.</summary>
    None,

    /// <summary>Milliseconds.</summary>
    Time,

    /// <summary>Bytes.</summary>
    Data,
}
