using Microsoft.Extensions.Time.Testing;

namespace Stampede.Tests.Execution;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that moves time the way a real clock passes it. Two things differ from the base:
/// <list type="bullet">
/// <item><see cref="Walk"/> stops at every timer's due instant on the way, so a callback that reads the clock (an
/// iteration starting where the last pause ended) reads its own instant, not the end of the move.</item>
/// <item>A timer may be re-armed from inside its own callback, as a system timer may; the base disables a one-shot
/// timer after its callback returns, undoing the change. Each change here arms a fresh underlying timer.</item>
/// </list>
/// </summary>
internal sealed class FakeClock : FakeTimeProvider
{
    private readonly HashSet<ReArmableTimer> _armed = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ReArmableTimer(this, callback, state, dueTime, period);

    /// <summary>Moves the clock by <paramref name="by"/>, firing each timer due on the way with the clock at its due instant.</summary>
    public void Walk(TimeSpan by)
    {
        var target = GetUtcNow() + by;
        while (NextWakeBy(target) is { } next)
        {
            var now = GetUtcNow();
            Advance(next > now ? next - now : TimeSpan.Zero);
        }

        Advance(target - GetUtcNow());
    }

    private DateTimeOffset? NextWakeBy(DateTimeOffset target)
    {
        lock (_armed)
        {
            DateTimeOffset? next = null;
            foreach (var timer in _armed)
            {
                if (timer.NextWake is { } wake && wake <= target && (next is null || wake < next))
                {
                    next = wake;
                }
            }

            return next;
        }
    }

    private void Track(ReArmableTimer timer, bool armed)
    {
        lock (_armed)
        {
            if (armed)
            {
                _armed.Add(timer);
            }
            else
            {
                _armed.Remove(timer);
            }
        }
    }

    private ITimer CreateUnderlyingTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        base.CreateTimer(callback, state, dueTime, period);

    private sealed class ReArmableTimer : ITimer
    {
        private readonly object _gate = new();
        private readonly FakeClock _clock;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private ITimer? _current;
        private TimeSpan _period;
        private long _arming;
        private bool _disposed;

        public ReArmableTimer(FakeClock clock, TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            _clock = clock;
            _callback = callback;
            _state = state;
            Change(dueTime, period);
        }

        /// <summary>When it rings next; null when disarmed.</summary>
        public DateTimeOffset? NextWake { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return false;
                }

                _current?.Dispose();
                _current = null;
                var arming = ++_arming;
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    NextWake = null;
                    _clock.Track(this, armed: false);
                    return true;
                }

                // The base counts in whole milliseconds, truncated.
                NextWake = _clock.GetUtcNow() + TimeSpan.FromMilliseconds((long)dueTime.TotalMilliseconds);
                _period = period;
                _clock.Track(this, armed: true);
                var next = _clock.CreateUnderlyingTimer(_ => Ring(arming), null, dueTime, period);
                // A due time of zero rings inside CreateTimer, and that callback may have re-armed already.
                if (_arming == arming)
                {
                    _current = next;
                }
                else
                {
                    next.Dispose();
                }

                return true;
            }
        }

        private void Ring(long arming)
        {
            lock (_gate)
            {
                if (arming != _arming || _disposed)
                {
                    return;
                }

                if (_period == TimeSpan.Zero || _period == Timeout.InfiniteTimeSpan)
                {
                    NextWake = null;
                    _clock.Track(this, armed: false);
                }
                else
                {
                    NextWake += TimeSpan.FromMilliseconds((long)_period.TotalMilliseconds);
                }
            }

            _callback(_state);
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
                _current?.Dispose();
                _current = null;
                NextWake = null;
                _clock.Track(this, armed: false);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
