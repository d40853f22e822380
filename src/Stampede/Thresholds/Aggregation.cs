namespace Stampede.Thresholds;

/// <summary>The statistic a threshold reads from a metric, with k6's names.</summary>
internal enum Aggregation
{
    /// <summary><c>avg</c>: the mean of a trend.</summary>
    Avg,

    /// <summary><c>min</c>: the smallest trend sample, or the smallest value a gauge held.</summary>
    Min,

    /// <summary><c>max</c>: the largest trend sample, or the largest value a gauge held.</summary>
    Max,

    /// <summary><c>med</c>: the median of a trend (the same as <c>p(50)</c>).</summary>
    Med,

    /// <summary><c>p(N)</c>: the N-th percentile of a trend; N comes with the expression.</summary>
    Percentile,

    /// <summary><c>rate</c>: the share of non-zero samples of a rate, or a counter's increase per second.</summary>
    Rate,

    /// <summary><c>count</c>: a counter's total, or the number of samples in a trend.</summary>
    Count,

    /// <summary><c>value</c>: a gauge's last value.</summary>
    Value,
}
