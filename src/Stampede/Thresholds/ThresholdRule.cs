namespace Stampede.Thresholds;

/// <summary>One expression of a threshold definition with k6's abort options.</summary>
/// <param name="Expression">What must hold.</param>
/// <param name="AbortOnFail">Stop the run as soon as the expression fails during the run. Default false.</param>
/// <param name="DelayAbortEval">
/// How long into the run a failure may not abort yet, so early noise (cold caches, JIT) does not stop a run. Default
/// zero. The expression is still evaluated and reported during the delay; only the abort waits.
/// </param>
internal sealed record ThresholdRule(ThresholdExpression Expression, bool AbortOnFail = false, TimeSpan DelayAbortEval = default);
