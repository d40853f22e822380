using System.Globalization;
using Stampede.Metrics;

namespace Stampede.Thresholds;

/// <summary>
/// One k6 threshold expression such as <c>p(95)&lt;500</c>: an aggregation of a metric, an operator and a plain number.
/// </summary>
/// <param name="Aggregation">The statistic to read.</param>
/// <param name="Percentile">N of <c>p(N)</c>, in (0, 100]; null for every other aggregation.</param>
/// <param name="Operator">How the statistic is compared with <paramref name="Value"/>.</param>
/// <param name="Value">The bound, in the metric's display unit (milliseconds for time trends, a fraction for rates).</param>
/// <param name="Source">The text as the user wrote it.</param>
internal sealed record ThresholdExpression(
    Aggregation Aggregation,
    double? Percentile,
    ComparisonOperator Operator,
    double Value,
    string Source)
{
    /// <summary>Parses k6 syntax; never throws on user input. See docs/thresholds.md for the grammar.</summary>
    public static ThresholdParseResult<ThresholdExpression> Parse(string text) => ThresholdExpressionParser.Parse(text);

    /// <summary>Null when the aggregation applies to metrics of <paramref name="kind"/>, else a message saying what does.</summary>
    public string? ValidateFor(MetricKind kind) =>
        Aggregation.AppliesTo(kind)
            ? null
            : $"'{Aggregation.Display(Percentile)}' does not apply to a {kind} metric; use {AggregationExtensions.Accepted(kind)}";

    /// <summary>
    /// Compares the current statistic with the bound. A metric without samples (null, or NaN such as the mean of
    /// nothing) is <see cref="ThresholdOutcome.NoData"/>, never a failure; the comparison itself is exact.
    /// </summary>
    public ThresholdOutcome Evaluate(IThresholdValues values)
    {
        var observed = values.Get(Aggregation, Percentile ?? 0);
        if (observed is not { } value || double.IsNaN(value))
        {
            return ThresholdOutcome.NoData;
        }

        return Operator.Holds(value, Value) ? ThresholdOutcome.Passed : ThresholdOutcome.Failed;
    }

    /// <summary>The canonical spelling, e.g. <c>p(99.9)&lt;3000</c>.</summary>
    public override string ToString() =>
        $"{Aggregation.Display(Percentile)}{Operator.Symbol()}{Value.ToString("R", CultureInfo.InvariantCulture)}";
}
