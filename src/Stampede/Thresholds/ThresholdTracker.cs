namespace Stampede.Thresholds;

/// <summary>
/// Follows one threshold rule through a run, fed its outcome at each evaluation tick, and decides when an
/// <c>abortOnFail</c> rule stops the run. Pure logic: the caller supplies elapsed time, so tests need no clock.
/// </summary>
/// <remarks>
/// Like k6, an abort needs a failure observed at or after <see cref="ThresholdRule.DelayAbortEval"/>: a failure
/// during the delay that has recovered by the end of it does not abort. <see cref="ThresholdOutcome.NoData"/>
/// never aborts. Once decided, the abort stays decided.
/// </remarks>
internal sealed class ThresholdTracker
{
    private TimeSpan? _lastElapsed;

    public ThresholdTracker(ThresholdRule rule)
    {
        Rule = rule;
    }

    public ThresholdRule Rule { get; }

    /// <summary>The outcome of the latest observation; null before the first.</summary>
    public ThresholdOutcome? LastOutcome { get; private set; }

    /// <summary>Elapsed time of the first failed observation (within the delay or not); null if it never failed.</summary>
    public TimeSpan? FirstFailedAt { get; private set; }

    /// <summary>Elapsed time of the observation that decided the abort; null while the run may go on.</summary>
    public TimeSpan? AbortedAt { get; private set; }

    public bool ShouldAbort => AbortedAt is not null;

    /// <summary>Records the outcome at <paramref name="elapsed"/> since the run started; returns <see cref="ShouldAbort"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Elapsed time is negative or earlier than the previous observation (a caller bug).</exception>
    public bool Observe(TimeSpan elapsed, ThresholdOutcome outcome)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(elapsed, TimeSpan.Zero);
        if (_lastElapsed is { } last)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(elapsed, last);
        }

        _lastElapsed = elapsed;
        LastOutcome = outcome;
        if (outcome != ThresholdOutcome.Failed)
        {
            return ShouldAbort;
        }

        FirstFailedAt ??= elapsed;
        if (Rule.AbortOnFail && AbortedAt is null && elapsed >= Rule.DelayAbortEval)
        {
            AbortedAt = elapsed;
        }

        return ShouldAbort;
    }
}
