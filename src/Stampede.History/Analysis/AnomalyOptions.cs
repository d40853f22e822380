namespace Stampede.History.Analysis;

/// <summary>How anomalies are found.</summary>
public sealed record AnomalyOptions
{
    /// <summary>Seconds in the centred rolling window for the median and MAD. Default 31.</summary>
    public int Window { get; init; } = 31;

    /// <summary>Robust z-score from which a second is anomalous. Default 5 (rare in noise even with heavy tails).</summary>
    public double Threshold { get; init; } = 5;

    /// <summary>
    /// Smallest relative departure from the rolling median that counts (a perfectly flat series has MAD 0, and then
    /// any wobble would score high). Default 0.5 (50%).
    /// </summary>
    public double MinRelativeChange { get; init; } = 0.5;

    /// <summary>
    /// Seconds at the start of a series that are never reported: connections, JIT and caches warm up there, so the
    /// first seconds of nearly every run would otherwise show as a spike. Default 3.
    /// </summary>
    public int WarmUpSeconds { get; init; } = 3;

    /// <summary>Smallest error-rate rise that counts as a burst, as a fraction. Default 0.05 (5 percentage points).</summary>
    public double MinErrorRateRise { get; init; } = 0.05;
}
