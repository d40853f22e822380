namespace Stampede.History.Analysis;

/// <summary>How drift is judged.</summary>
public sealed record DriftOptions
{
    /// <summary>Significance level of the Mann–Kendall test. Default 0.01.</summary>
    public double Alpha { get; init; } = 0.01;

    /// <summary>
    /// Smallest change over the run, relative to the median, that counts as drift even when significant (a very long
    /// run makes tiny slopes significant). Default 10%.
    /// </summary>
    public double MinChangePercent { get; init; } = 10;

    /// <summary>Fewest per-second points needed. Default 30.</summary>
    public int MinPoints { get; init; } = 30;

    /// <summary>
    /// Points are grouped into at most this many buckets (median of each) before the tests: Theil–Sen and
    /// Mann–Kendall are quadratic in the number of points, and bucketing also damps second-to-second
    /// autocorrelation that would make the test over-confident. Default 240 (one bucket per minute over 4 h).
    /// </summary>
    public int MaxBuckets { get; init; } = 240;
}
