using Stampede.DemoTarget.Hosting;

namespace Stampede.DemoTarget.Streaming;

/// <summary>
/// Paces one streamed answer: the first token after a sampled time to first token, each next one after a sampled
/// inter-token delay. Due times are absolute offsets from the start, so timer lateness does not add up over a
/// long answer. Stalls freeze a stream in progress as well as new requests.
/// </summary>
internal sealed class TokenPacer
{
    private readonly DemoTargetOptions _options;
    private readonly ServerClock _clock;
    private readonly RequestState _state;
    private readonly long _start;
    private TimeSpan _due;

    public TokenPacer(DemoTargetOptions options, ServerClock clock, RequestState state, int tokenCount)
    {
        _options = options;
        _clock = clock;
        _state = state;
        _start = clock.Time.GetTimestamp();
        _due = state.Random.NextDelay(options.TimeToFirstTokenMean, options.TimeToFirstTokenStdDev);
        DropAfter = tokenCount > 1 && state.Random.Chance(state.Faults.DropRate) ? 1 + state.Random.Next(tokenCount - 1) : -1;
    }

    /// <summary>The number of tokens sent before the connection is cut; -1 when it is not.</summary>
    public int DropAfter { get; }

    public async ValueTask WaitForNextTokenAsync(CancellationToken cancellationToken)
    {
        var wait = _due - _clock.Time.GetElapsedTime(_start);
        await _clock.DelayAsync(wait, cancellationToken).ConfigureAwait(false);
        await _clock.DelayAsync(_clock.StallRemaining(_state.Faults), cancellationToken).ConfigureAwait(false);
        _due += _state.Random.NextDelay(_options.InterTokenDelayMean, _options.InterTokenDelayStdDev);
    }
}
