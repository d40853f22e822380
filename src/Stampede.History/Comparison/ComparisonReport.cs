namespace Stampede.History.Comparison;

/// <summary>A comparison of two runs: one row per compared figure.</summary>
public sealed record ComparisonReport
{
    /// <summary>How the baseline is named in output (e.g. <c>#12 (2026-03-02 09:00, release=1.3)</c>).</summary>
    public required string BaselineLabel { get; init; }

    /// <summary>How the current run is named in output.</summary>
    public required string CurrentLabel { get; init; }

    /// <summary>Every compared figure, metric-level rows before their series.</summary>
    public required IReadOnlyList<ComparisonRow> Rows { get; init; }

    /// <summary>The significance level used.</summary>
    public double Alpha { get; init; }

    /// <summary>True when any row regressed.</summary>
    public bool HasRegression => Rows.Any(r => r.Verdict == ComparisonVerdict.Regressed);
}
