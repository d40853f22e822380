using Stampede.Protocols.Http;

namespace Stampede.Execution.Executors;

/// <summary>
/// Starts open-model iterations at the times an <see cref="ArrivalPacer"/> gives. Where the run has a socket loop
/// (the CLI's own flows), the schedule is a timer on that loop: arrivals start between socket events on the
/// thread that runs the requests, so no second thread has to win the core from it in time. Otherwise it runs on a
/// thread of its own, so that thread-pool queueing cannot delay it: it waits on a timer until about a millisecond
/// before an arrival, then sleeps with sub-millisecond precision, waking at most once per
/// <see cref="WakeQuantum"/> and starting every arrival due by then back to back (at 20,000 arrivals a second a
/// wake per arrival would cost more context switches than the requests themselves). An arrival with no free VU,
/// and none left to create, waits in the scenario's backlog or is counted in <c>dropped_iterations</c>
/// (<see cref="ScenarioRuntime.Arrive"/>); each started iteration records how late it started.
/// The loop's timer and the sub-millisecond sleeps follow the wall clock, so they serve only a run on the system's
/// clock; a run on an injected clock schedules on that clock's own timers, on the same thread and by the same rules.
/// </summary>
internal sealed class ArrivalScheduler(ScenarioRuntime runtime, ArrivalPacer pacer) : ILoopTimer
{
    private static readonly long SpinThreshold = TimeSpan.TicksPerMillisecond;

    /// <summary>The shortest time between two wakes of the scheduler's own thread.</summary>
    internal static readonly TimeSpan WakeQuantum = TimeSpan.FromMicroseconds(200);

    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _next;
    private RateChange? _rate;
    private long _rateFrom;
    private TimeSpan _rateStart;

    /// <summary>Runs the schedule on the idle VUs the executor prepared, and more up to the executor's <c>maxVUs</c>.</summary>
    public async Task RunAsync()
    {
        // An injected clock moves only when its owner moves it; the loop's timer follows the wall clock.
        if (runtime.Run.SocketLoop is { } loop && runtime.Run.SystemClock)
        {
            using var softStop = runtime.SoftStop.Register(loop.WakeTimers);
            using var graceful = runtime.Run.Control.Graceful.Register(loop.WakeTimers);
            loop.Schedule(this);
            await _done.Task.ConfigureAwait(false);
        }
        else
        {
            var thread = new Thread(() =>
            {
                try
                {
                    Schedule();
                    _done.TrySetResult();
                }
                catch (Exception exception)
                {
                    _done.TrySetException(exception);
                }
            })
            {
                IsBackground = true,
                Name = $"stampede-arrivals-{runtime.Plan.Name}",
            };
            thread.Start();
            await _done.Task.ConfigureAwait(false);
        }

        await runtime.DrainAsync().ConfigureAwait(false);
    }

    /// <summary>On the socket loop: starts every arrival due by <paramref name="now"/>; returns when the next is due.</summary>
    long? ILoopTimer.Fire(long now)
    {
        try
        {
            if (runtime.Run.Control.Graceful.IsCancellationRequested)
            {
                return Finish();
            }

            while (true)
            {
                if (DueOf(_next) is not { } due)
                {
                    return Finish();
                }

                if (due > now)
                {
                    // As on the thread: arrivals already due start even after the scenario's time ran out.
                    return runtime.SoftStop.IsCancellationRequested ? Finish() : due;
                }

                _next++;
                runtime.Arrive(due);
            }
        }
        catch (Exception exception)
        {
            _done.TrySetException(exception);
            return null;
        }
    }

    private long? Finish()
    {
        _done.TrySetResult();
        return null;
    }

    /// <summary>
    /// When this segment's arrival <paramref name="index"/> is due (a timestamp of the run's clock), or null past the
    /// schedule: the plan's arrival at the segment's place, so the segments of a distributed run start the plan's
    /// schedule between them, each arrival once and at its own moment.
    /// </summary>
    private long? DueOf(long index)
    {
        if (runtime.Run.Control.RateTarget is { } asked && asked.Sequence != _rate?.Sequence)
        {
            // The new rate's first arrival comes one of its gaps after the last one scheduled at the old rate, wherever
            // the clock is: a scheduler that sees the change late catches up, as it does with any arrival it was late for.
            _rateStart = index == 0 ? TimeSpan.Zero : OffsetOf(index - 1) ?? TimeSpan.Zero;
            _rateFrom = index - 1;
            _rate = asked;
        }

        return OffsetOf(index) is { } offset && offset < pacer.Duration
            ? runtime.StartTimestamp + (long)(offset.TotalSeconds * runtime.Run.Time.TimestampFrequency)
            : null;
    }

    /// <summary>
    /// Where arrival <paramref name="index"/> falls: on the plan's schedule, or once the run's control set another rate
    /// (<see cref="RunControl.SetRate"/>) evenly spaced at that rate from the last arrival before the change. A change
    /// is seen when the next arrival is scheduled, so it takes effect within one gap of the old rate.
    /// </summary>
    private TimeSpan? OffsetOf(long index) =>
        _rate is { } rate && index > _rateFrom
            ? _rateStart + TimeSpan.FromSeconds((index - _rateFrom) / rate.PerSecond)
            : pacer.OffsetOf(runtime.Stripe.Global(index));

    private void Schedule()
    {
        var time = runtime.Run.Time;
        var frequency = (double)time.TimestampFrequency;
        var stop = runtime.SoftStop;
        var quantum = (long)(WakeQuantum.TotalSeconds * frequency);
        var wokeAt = long.MinValue / 2;
        using var clockWait = runtime.Run.SystemClock ? null : new ClockWait(time);
        PreciseSleep.TightenTimerSlack();
        for (; DueOf(_next) is { } due; _next++)
        {
            if (time.GetTimestamp() < due)
            {
                // Not due yet: sleep until it is, but not again within a quantum of the last wake.
                if (!WaitUntil(time, clockWait, Math.Max(due, wokeAt + quantum), frequency, stop))
                {
                    break;
                }

                wokeAt = time.GetTimestamp();
            }
            else if (runtime.Run.Control.Graceful.IsCancellationRequested)
            {
                break;
            }

            runtime.Arrive(due);
        }
    }

    /// <summary>
    /// Waits until <paramref name="due"/>; false when the run is being stopped. An arrival already due is started
    /// even when the scenario's own time ran out meanwhile: it was scheduled inside the duration, and a harness
    /// that fell behind must catch up rather than quietly drop the arrivals it was late for.
    /// </summary>
    private bool WaitUntil(TimeProvider time, ClockWait? clockWait, long due, double frequency, CancellationToken stop)
    {
        var runStopping = runtime.Run.Control.Graceful;
        while (true)
        {
            if (runStopping.IsCancellationRequested)
            {
                return false;
            }

            var remaining = TimeSpan.FromSeconds((due - time.GetTimestamp()) / frequency);
            if (remaining <= TimeSpan.Zero)
            {
                return true;
            }

            if (stop.IsCancellationRequested)
            {
                return false;
            }

            if (clockWait is not null)
            {
                clockWait.Wait(due, frequency, stop);
            }
            else if (remaining.Ticks > 2 * SpinThreshold)
            {
                stop.WaitHandle.WaitOne(remaining - TimeSpan.FromTicks(SpinThreshold));
            }
            else
            {
                PreciseSleep.For(remaining);
            }
        }
    }

    /// <summary>
    /// A wait on an injected clock's own timer. A timer takes a span, not an instant: if the clock moves between
    /// reading it and arming the timer, the timer would ring late by that move, and the arrivals due in between would
    /// wait for the clock's next move; so it is armed again until the clock stood still across the arming. Each wait
    /// arms a fresh timer: re-arming one whose callback may still be running is a race some clocks lose.
    /// </summary>
    private sealed class ClockWait(TimeProvider time) : IDisposable
    {
        private readonly ManualResetEventSlim _rang = new();
        private ITimer? _timer;

        /// <summary>Blocks until the clock may have reached <paramref name="due"/> or <paramref name="stop"/> is cancelled; the caller checks which.</summary>
        public void Wait(long due, double frequency, CancellationToken stop)
        {
            _rang.Reset();
            long now;
            do
            {
                now = time.GetTimestamp();
                if (now >= due)
                {
                    return;
                }

                // Whole milliseconds, rounded up: timers count in them, and one that rang early would leave the
                // arrival to the clock's next move.
                var milliseconds = Math.Ceiling((due - now) * 1000.0 / frequency);
                _timer?.Dispose();
                _timer = time.CreateTimer(static state => ((ManualResetEventSlim)state!).Set(), _rang, TimeSpan.FromMilliseconds(milliseconds), Timeout.InfiniteTimeSpan);
            }
            while (time.GetTimestamp() != now);

            try
            {
                _rang.Wait(stop);
            }
            catch (OperationCanceledException)
            {
                // the caller sees the stop
            }
        }

        public void Dispose()
        {
            _timer?.Dispose();
            _rang.Dispose();
        }
    }
}
