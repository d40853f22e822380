namespace Stampede.Plans.Monitoring;

/// <summary>
/// What "within bounds" means for resilience verdicts, relative to the baseline (the seconds before the first fault):
/// the error rate at most <see cref="ErrorRateMargin"/> above the baseline's, and p95 latency at most
/// <see cref="LatencyFactor"/> times the baseline's (and never flagged below <see cref="LatencyFloor"/>).
/// </summary>
public sealed record ResilienceOptions
{
    /// <summary>Absolute share of failed requests above the baseline that counts as impact. Default 0.05 (5 points).</summary>
    public double ErrorRateMargin { get; init; } = 0.05;

    /// <summary>p95 above this multiple of the baseline's counts as impact. Default 3.</summary>
    public double LatencyFactor { get; init; } = 3;

    /// <summary>p95 below this is never impact, however small the baseline. Default 50ms.</summary>
    public TimeSpan LatencyFloor { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Seconds in a row within bounds that count as recovered. Default 3.</summary>
    public int StableSeconds { get; init; } = 3;
}
