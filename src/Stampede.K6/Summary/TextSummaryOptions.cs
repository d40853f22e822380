namespace Stampede.K6.Summary;

/// <summary>
/// How <see cref="TextSummary"/> lays the summary out; a null member falls back to the data object's
/// <c>options</c>, then to the k6 jslib's default (one space of indent, colours on, k6's trend columns, time units chosen per value).
/// </summary>
/// <param name="Indent">Put before every line.</param>
/// <param name="EnableColors">ANSI colours: checks and thresholds green or red, values cyan, leaders faint.</param>
/// <param name="SummaryTimeUnit">A fixed unit for durations (<c>s</c>, <c>ms</c>, <c>us</c>); empty or null: the unit that fits.</param>
/// <param name="SummaryTrendStats">The trend columns, in order.</param>
internal sealed record TextSummaryOptions(
    string? Indent = null,
    bool? EnableColors = null,
    string? SummaryTimeUnit = null,
    IReadOnlyList<string>? SummaryTrendStats = null);
