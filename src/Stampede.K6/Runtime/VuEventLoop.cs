using System.Threading.Channels;
using Engine = Jint.Engine;

namespace Stampede.K6.Runtime;

/// <summary>
/// An event loop on the VU's thread, as k6 runs one per VU: callbacks other threads hand in (socket events), timers,
/// and holds that keep it alive while something will still call back (an open socket). Every callback runs on the
/// VU's thread, one at a time, followed by the promise jobs it queued. The iteration's loop ends when nothing is
/// left; <c>k6/ws</c>'s <c>connect</c> runs a loop of its own until its socket closes.
/// </summary>
internal sealed class VuEventLoop(Engine engine)
{
    private readonly Channel<Action> _inbox = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private readonly PriorityQueue<long, (long Due, long Order)> _queue = new();
    private readonly Dictionary<long, Timer> _timers = [];
    private readonly HashSet<LoopHold> _holds = [];
    private long _lastTimerId;
    private long _order;

    /// <summary>Runs <paramref name="callback"/> on the loop's thread; safe from any thread. Callbacks posted after the loop stopped are dropped.</summary>
    public void Post(Action callback) => _inbox.Writer.TryWrite(callback);

    /// <summary>Keeps the loop alive until released; when the loop is stopped first, <paramref name="abandon"/> runs (it must not call the script).</summary>
    public LoopHold Hold(Action abandon)
    {
        var hold = new LoopHold(this, abandon);
        _holds.Add(hold);
        return hold;
    }

    /// <summary>
    /// Schedules <paramref name="callback"/> after <paramref name="delay"/> (and every <paramref name="delay"/> after
    /// that when <paramref name="repeat"/>); returns the timer's id (1, 2, … per loop, as k6 numbers them).
    /// </summary>
    public long SetTimer(Action callback, TimeSpan delay, bool repeat, TimeProvider time)
    {
        var id = ++_lastTimerId;
        var ticks = Math.Max((long)(delay.TotalSeconds * time.TimestampFrequency), 0);
        _timers[id] = new Timer(callback, repeat ? Math.Max(ticks, 1) : null);
        _queue.Enqueue(id, (time.GetTimestamp() + ticks, _order++));
        return id;
    }

    /// <summary>Cancels a timer; unknown ids (fired, cleared, never set) are ignored, as in k6.</summary>
    public void ClearTimer(long id) => _timers.Remove(id);

    /// <summary>
    /// Runs callbacks and due timers until <paramref name="until"/> says so or nothing is left to wait for (no holds,
    /// no timers, no callbacks). False when <paramref name="token"/> stopped it first. Exceptions from callbacks
    /// propagate: the caller ends the iteration and calls <see cref="Stop"/>.
    /// </summary>
    public bool Run(TimeProvider time, CancellationToken token, Func<bool>? until = null)
    {
        engine.Advanced.ProcessTasks();
        while (true)
        {
            if (until?.Invoke() == true)
            {
                return true;
            }

            if (token.IsCancellationRequested)
            {
                return false;
            }

            if (_inbox.Reader.TryRead(out var callback))
            {
                Invoke(callback);
                continue;
            }

            if (RunDueTimer(time))
            {
                continue;
            }

            if (_holds.Count == 0 && _timers.Count == 0)
            {
                return true;
            }

            Wait(time, token);
        }
    }

    /// <summary>Drops every timer and pending callback and abandons what still holds the loop: the iteration is over.</summary>
    public void Stop()
    {
        _timers.Clear();
        _queue.Clear();
        while (_inbox.Reader.TryRead(out _))
        {
        }

        var holds = _holds.ToArray();
        _holds.Clear();
        foreach (var hold in holds)
        {
            hold.Abandon();
        }
    }

    private void Invoke(Action callback)
    {
        callback();
        engine.Advanced.ProcessTasks();
    }

    private bool RunDueTimer(TimeProvider time)
    {
        while (_queue.TryPeek(out var id, out var at))
        {
            if (!_timers.TryGetValue(id, out var timer))
            {
                _queue.Dequeue();   // cleared
                continue;
            }

            if (time.GetTimestamp() < at.Due)
            {
                return false;
            }

            _queue.Dequeue();
            if (timer.Interval is { } interval)
            {
                // The next tick is computed from this one's due time, not from when the callback returns, so an
                // interval does not drift by the callback's own duration.
                _queue.Enqueue(id, (at.Due + interval, _order++));
            }
            else
            {
                _timers.Remove(id);
            }

            Invoke(timer.Callback);
            return true;
        }

        return false;
    }

    /// <summary>Blocks until a callback is posted, the next timer is due, or the VU is stopped.</summary>
    private void Wait(TimeProvider time, CancellationToken token)
    {
        using var due = NextDue(time) is { } wait ? new CancellationTokenSource(wait, time) : null;
        using var linked = due is null ? null : CancellationTokenSource.CreateLinkedTokenSource(due.Token, token);
        try
        {
            Blocking.Wait(_inbox.Reader.WaitToReadAsync(linked?.Token ?? token).AsTask());
        }
        catch (OperationCanceledException)
        {
            // a timer is due or the VU is stopping: the loop looks again
        }
    }

    private TimeSpan? NextDue(TimeProvider time)
    {
        while (_queue.TryPeek(out var id, out var at))
        {
            if (!_timers.ContainsKey(id))
            {
                _queue.Dequeue();
                continue;
            }

            var left = time.GetElapsedTime(time.GetTimestamp(), at.Due);
            return left > TimeSpan.Zero ? left : TimeSpan.FromTicks(1);
        }

        return null;
    }

    private void Release(LoopHold hold) => _holds.Remove(hold);

    private sealed record Timer(Action Callback, long? Interval);

    /// <summary>Something that will still call the loop back (an open socket); released when it is done.</summary>
    internal sealed class LoopHold(VuEventLoop loop, Action abandon)
    {
        private bool _done;

        public void Release()
        {
            if (!_done)
            {
                _done = true;
                loop.Release(this);
            }
        }

        public void Abandon()
        {
            if (!_done)
            {
                _done = true;
                abandon();
            }
        }
    }
}
