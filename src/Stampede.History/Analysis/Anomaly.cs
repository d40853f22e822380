using Stampede.Metrics;

namespace Stampede.History.Analysis;

/// <summary>A stretch of seconds where a figure left its usual band: a latency spike, an error burst, a throughput drop.</summary>
public sealed record Anomaly
{
    /// <summary>What kind of anomaly.</summary>
    public required AnomalyKind Kind { get; init; }

    /// <summary>The metric.</summary>
    public required string Metric { get; init; }

    /// <summary>The figure (e.g. <c>p95</c>, <c>rate</c>).</summary>
    public required string Aggregation { get; init; }

    /// <summary>The metric's unit.</summary>
    public MetricUnit Unit { get; init; }

    /// <summary>First run second of the anomaly.</summary>
    public int StartSecond { get; init; }

    /// <summary>Last run second of the anomaly (inclusive).</summary>
    public int EndSecond { get; init; }

    /// <summary>The most extreme value inside it.</summary>
    public double Peak { get; init; }

    /// <summary>The usual value around it (rolling median).</summary>
    public double Usual { get; init; }

    /// <summary>The largest robust z-score inside it (deviation in MADs, scaled to standard deviations).</summary>
    public double Score { get; init; }

    /// <summary>Duration in seconds.</summary>
    public int Seconds => EndSecond - StartSecond + 1;
}

/// <summary>Kinds of anomaly.</summary>
public enum AnomalyKind
{
    /// <summary>Latency far above its rolling median.</summary>
    LatencySpike,

    /// <summary>Error rate far above its rolling median.</summary>
    ErrorBurst,

    /// <summary>Throughput far below its rolling median.</summary>
    ThroughputDrop,
}
