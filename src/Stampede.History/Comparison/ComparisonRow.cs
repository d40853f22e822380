using Stampede.Metrics;

namespace Stampede.History.Comparison;

/// <summary>One figure of one metric (or tagged series) in both runs, and what the gate made of it.</summary>
public sealed record ComparisonRow
{
    /// <summary>The metric's name.</summary>
    public required string Metric { get; init; }

    /// <summary>The series' tags; empty for the whole metric.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>The figure, e.g. <c>p95</c>.</summary>
    public required string Aggregation { get; init; }

    /// <summary>The metric's unit.</summary>
    public MetricUnit Unit { get; init; }

    /// <summary>The metric's kind.</summary>
    public required MetricKind Kind { get; init; }

    /// <summary>The baseline's value over its whole run.</summary>
    public double? Baseline { get; init; }

    /// <summary>The current run's value over its whole run.</summary>
    public double? Current { get; init; }

    /// <summary>Relative change in percent (null when the baseline is zero or missing).</summary>
    public double? ChangePercent { get; init; }

    /// <summary>The tolerance band applied.</summary>
    public required Tolerance Tolerance { get; init; }

    /// <summary>One-sided Mann–Whitney p-value over the per-second values, in the direction the value moved; null when untested.</summary>
    public double? PValue { get; init; }

    /// <summary>Seconds of per-second data in the baseline and the current run.</summary>
    public (int Baseline, int Current) Seconds { get; init; }

    /// <summary>The verdict.</summary>
    public required ComparisonVerdict Verdict { get; init; }

    /// <summary><c>metric</c> or <c>metric{k:v,…}</c>.</summary>
    public string Selector => Tags.Count == 0 ? Metric : $"{Metric}{{{string.Join(",", Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}:{t.Value}"))}}}";
}
