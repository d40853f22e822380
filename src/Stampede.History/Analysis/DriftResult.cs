using Stampede.Metrics;

namespace Stampede.History.Analysis;

/// <summary>Whether a figure drifted during a run, by how much per hour, and how sure we are.</summary>
public sealed record DriftResult
{
    /// <summary>The metric.</summary>
    public required string Metric { get; init; }

    /// <summary>The figure followed over time (e.g. <c>p95</c>).</summary>
    public required string Aggregation { get; init; }

    /// <summary>The metric's unit.</summary>
    public MetricUnit Unit { get; init; }

    /// <summary>Per-second points used (before bucketing).</summary>
    public int Points { get; init; }

    /// <summary>Theil–Sen slope in the metric's unit per hour.</summary>
    public double SlopePerHour { get; init; }

    /// <summary>The figure's median over the run.</summary>
    public double Median { get; init; }

    /// <summary>How much the slope moves the figure over the whole run, relative to its median, in percent.</summary>
    public double ChangeOverRunPercent { get; init; }

    /// <summary>Mann–Kendall two-sided p-value: the chance of a trend this consistent in pure noise.</summary>
    public double PValue { get; init; } = 1;

    /// <summary>Kendall's tau between time and value (−1 to 1).</summary>
    public double Tau { get; init; }

    /// <summary>The verdict.</summary>
    public required DriftVerdict Verdict { get; init; }

    /// <summary>A sentence: "no drift" or "drift of +12.3 ms per hour (+8.1% over the run, p &lt; 0.001)".</summary>
    public string Describe()
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var p = PValue < 0.001 ? "p < 0.001" : $"p = {PValue.ToString("0.000", culture)}";
        var slope = Unit == MetricUnit.Data ? $"{(SlopePerHour / 1e6).ToString("+0.##;-0.##", culture)} MB" : $"{SlopePerHour.ToString("+0.###;-0.###;0", culture)}{(Unit == MetricUnit.None ? "" : " " + Unit.Symbol())}";
        return Verdict switch
        {
            DriftVerdict.TooShort => $"too few points to judge drift ({Points})",
            DriftVerdict.NoDrift => $"no drift ({slope} per hour, {ChangeOverRunPercent.ToString("+0.0;-0.0;0", culture)}% over the run, {p})",
            _ => $"drift of {slope} per hour ({ChangeOverRunPercent.ToString("+0.0;-0.0", culture)}% over the run, {p})",
        };
    }
}

/// <summary>A drift verdict.</summary>
public enum DriftVerdict
{
    /// <summary>No trend both significant and large enough to matter.</summary>
    NoDrift,

    /// <summary>The figure rises over the run (latency creeping up, memory growing).</summary>
    Increasing,

    /// <summary>The figure falls over the run (throughput sagging).</summary>
    Decreasing,

    /// <summary>Too few points to judge.</summary>
    TooShort,
}
