namespace Stampede.History.Comparison;

/// <summary>How strict the regression gate is.</summary>
public sealed record ComparisonOptions
{
    /// <summary>The rules; default <see cref="RegressionRules.Default"/>.</summary>
    public RegressionRules Rules { get; init; } = RegressionRules.Default;

    /// <summary>Significance level of the Mann–Whitney test: a change is real when p is below it. Default 0.01 (a false alarm in about one comparison in a hundred per figure, when nothing changed).</summary>
    public double Alpha { get; init; } = 0.01;

    /// <summary>Fewest seconds of data each run needs for the test; below it a change is <see cref="ComparisonVerdict.Untested"/>. Default 5.</summary>
    public int MinSeconds { get; init; } = 5;

    /// <summary>Compare each tagged series too, not only whole metrics. Default true.</summary>
    public bool Series { get; init; } = true;
}
