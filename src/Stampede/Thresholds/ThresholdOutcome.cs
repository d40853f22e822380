namespace Stampede.Thresholds;

/// <summary>What evaluating one threshold expression found.</summary>
internal enum ThresholdOutcome
{
    /// <summary>The statistic satisfies the comparison.</summary>
    Passed,

    /// <summary>The statistic violates the comparison.</summary>
    Failed,

    /// <summary>
    /// The metric (or submetric) has no samples yet, so there is nothing to compare. Not a failure: it never aborts a
    /// run and never makes the run exit with 99, but summaries show it so that a misspelt tag filter does not pass silently.
    /// </summary>
    NoData,
}
