namespace Stampede.Plans;

/// <summary>
/// One problem with one threshold of a list: <see cref="Index"/> names the threshold, <see cref="Part"/> what is wrong with
/// it, and <see cref="Column"/> (0-based, into that part's text) where, when the problem is a syntax error.
/// </summary>
internal sealed record ThresholdProblem(int Index, ThresholdPart Part, string Path, string Message, int? Column = null);
