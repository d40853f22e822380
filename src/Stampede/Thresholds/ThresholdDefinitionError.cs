namespace Stampede.Thresholds;

/// <summary>A problem in one threshold definition, located well enough for the user to fix it.</summary>
/// <param name="Selector">The selector as written, e.g. <c>http_req_duration{status:200}</c>.</param>
/// <param name="ExpressionIndex">0-based index of the expression at fault; null when the selector itself is.</param>
/// <param name="Text">The text at fault: the expression, or the selector.</param>
/// <param name="Column">0-based column in <paramref name="Text"/>; null when the problem is not in the text (a negative delay, a wrong aggregation).</param>
/// <param name="Message">What is wrong and what was expected.</param>
internal sealed record ThresholdDefinitionError(string Selector, int? ExpressionIndex, string Text, int? Column, string Message)
{
    /// <summary>One line for a terminal: <c>thresholds.http_req_duration[1] "p95&lt;1": expected …</c>.</summary>
    public override string ToString() =>
        ExpressionIndex is { } index
            ? $"thresholds.{Selector}[{index}] \"{Text}\": {Message}"
            : $"thresholds \"{Selector}\": {Message}";
}
