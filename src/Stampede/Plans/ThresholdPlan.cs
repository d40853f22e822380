namespace Stampede.Plans;

/// <summary>One threshold as written in a plan: a metric selector (with optional tag filters) and one expression.</summary>
/// <param name="Selector">The metric, optionally with a filter: <c>http_req_duration{scenario:chat}</c>.</param>
/// <param name="Expression">k6's grammar: <c>p(95)&lt;500</c>, <c>rate&lt;0.01</c>.</param>
/// <param name="AbortOnFail">Stop the run as soon as this threshold fails.</param>
/// <param name="DelayAbortEval">Do not abort before this much of the run has passed.</param>
public sealed record ThresholdPlan(string Selector, string Expression, bool AbortOnFail = false, TimeSpan DelayAbortEval = default)
{
    /// <summary>Where the threshold was written, when it came from a file.</summary>
    public SourceLocation? Location { get; init; }
}
