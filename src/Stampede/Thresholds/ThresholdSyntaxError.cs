namespace Stampede.Thresholds;

/// <summary>A problem in a threshold expression or metric selector the user wrote.</summary>
/// <param name="Message">What was wrong and what was expected; mentions the column.</param>
/// <param name="Column">0-based position in the text where the problem is.</param>
internal sealed record ThresholdSyntaxError(string Message, int Column);
