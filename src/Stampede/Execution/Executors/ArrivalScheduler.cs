namespace Stampede.Execution.Executors;

/// <summary>
/// Starts open-model iterations at the times an <see cref="ArrivalPacer"/> gives, on a thread of its own so that
/// thread-pool queueing cannot delay it. It waits on a timer until about a millisecond before an arrival, then
/// sleeps with sub-millisecond precision. It wakes at most once per <see cref="WakeQuantum"/> and starts every
/// arrival due by then back to back: at 20,000 arrivals a second a wake per arrival would cost more context
/// switches than the requests themselves, while starting up to 200 µs late keeps lateness far under a millisecond.
/// An arrival with no free VU, and none left to create, is counted in <c>dropped_iterations</c>; each started
/// iteration records how late it started.
/// </summary>
internal sealed class ArrivalScheduler(ScenarioRuntime runtime, ArrivalPacer pacer, int preAllocatedVus, int maxVus)
{
    private static readonly long SpinThreshold = TimeSpan.TicksPerMillisecond;

    /// <summary>The shortest time between two wakes of the scheduler.</summary>
    internal static readonly TimeSpan WakeQuantum = TimeSpan.FromMicroseconds(200);

    public async Task RunAsync()
    {
        for (var i = 0; i < preAllocatedVus; i++)
        {
            runtime.ReturnIdleVu(runtime.CreateVu());
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Schedule();
                done.TrySetResult();
            }
            catch (Exception exception)
            {
                done.TrySetException(exception);
            }
        })
        {
            IsBackground = true,
            Name = $"stampede-arrivals-{runtime.Plan.Name}",
        };
        thread.Start();
        await done.Task.ConfigureAwait(false);
        await runtime.DrainAsync().ConfigureAwait(false);
    }

    private void Schedule()
    {
        var time = runtime.Run.Time;
        var frequency = (double)time.TimestampFrequency;
        var start = runtime.StartTimestamp;
        var stop = runtime.SoftStop;
        // An injected clock moves only when its owner moves it; pacing wake-ups is for the wall clock.
        var quantum = time == TimeProvider.System ? (long)(WakeQuantum.TotalSeconds * frequency) : 0;
        var wokeAt = long.MinValue / 2;
        PreciseSleep.TightenTimerSlack();
        for (long i = 0; ; i++)
        {
            if (pacer.OffsetOf(i) is not { } offset || offset >= pacer.Duration)
            {
                break;
            }

            var due = start + (long)(offset.TotalSeconds * frequency);
            if (time.GetTimestamp() < due)
            {
                // Not due yet: sleep until it is, but not again within a quantum of the last wake.
                if (!WaitUntil(time, Math.Max(due, wokeAt + quantum), frequency, stop))
                {
                    break;
                }

                wokeAt = time.GetTimestamp();
            }
            else if (runtime.Run.Control.Graceful.IsCancellationRequested)
            {
                break;
            }

            var vu = runtime.TakeIdleVu(maxVus);
            if (vu is null)
            {
                runtime.Dropped.Add(1);
                continue;
            }

            vu.IterationInScenario = runtime.NextIterationIndex();
            runtime.BeginDispatch();
            vu.Dispatch(due);
        }
    }

    /// <summary>
    /// Waits until <paramref name="due"/>; false when the run is being stopped. An arrival already due is started
    /// even when the scenario's own time ran out meanwhile: it was scheduled inside the duration, and a harness
    /// that fell behind must catch up rather than quietly drop the arrivals it was late for.
    /// </summary>
    private bool WaitUntil(TimeProvider time, long due, double frequency, CancellationToken stop)
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

            if (time != TimeProvider.System)
            {
                // An injected clock only moves when its owner moves it: wait on it, not on the wall clock.
                try
                {
                    Task.Delay(remaining, time, stop).GetAwaiter().GetResult();
                }
                catch (OperationCanceledException)
                {
                    // loop: the arrival may be due by now
                }
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
}
