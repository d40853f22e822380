using Stampede.Plans.Executors;

namespace Stampede.Execution.Executors;

/// <summary>
/// <c>ramping-vus</c>: starts and retires VUs so their number follows the stages. A retired VU finishes its
/// iteration, or is interrupted after <see cref="RampingVusOptions.GracefulRampDown"/>. Once the run's control asks
/// for another count (<see cref="RunControl.SetVus"/>), that count replaces the stages, reached at the asked ramp.
/// </summary>
internal sealed class RampingVus(RampingVusOptions options) : IExecutor
{
    /// <summary>How often the VU count is adjusted; a count change is at most this late.</summary>
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    private sealed class Slot
    {
        public required VirtualUser Vu;
        public Task Loop = Task.CompletedTask;
        public CancellationTokenSource? Interrupt;
        public CancellationTokenRegistration OnHardStop;
    }

    public async Task RunAsync(ScenarioRuntime runtime)
    {
        var ramp = new VuRamp(options.StartVus, options.Stages);
        var running = new List<Slot>();
        var retired = new List<Slot>();
        var time = runtime.Run.Time;
        var control = runtime.Run.Control;
        VuChange? change = null;
        var changedFrom = 0;
        var changedAt = TimeSpan.Zero;
        try
        {
            while (!runtime.SoftStop.IsCancellationRequested)
            {
                var elapsed = runtime.Elapsed;
                if (control.VuTarget is { } asked && asked.Sequence != change?.Sequence)
                {
                    // A change ramps from the count the scenario has when it sees the change, in the plan's VUs.
                    changedFrom = change is null ? ramp.VusAt(elapsed) : change.VusAt(changedFrom, elapsed - changedAt);
                    change = asked;
                    changedAt = elapsed;
                }

                var planned = change is null ? ramp.VusAt(elapsed) : change.VusAt(changedFrom, elapsed - changedAt);

                // A segment runs its places among the plan's VUs, so the segments' counts add up to the plan's at every moment.
                var target = (int)runtime.VuStripe.CountBelow(planned);
                while (running.Count < target)
                {
                    running.Add(Activate(runtime, retired));
                }

                while (running.Count > target)
                {
                    var slot = running[^1];
                    running.RemoveAt(running.Count - 1);
                    slot.Vu.Retire!.Cancel();
                    slot.Interrupt!.CancelAfter(options.GracefulRampDown);
                    retired.Add(slot);
                }

                try
                {
                    await Task.Delay(Step, time, runtime.SoftStop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        finally
        {
            await Task.WhenAll(running.Concat(retired).Select(s => s.Loop)).ConfigureAwait(false);
            foreach (var slot in running.Concat(retired))
            {
                Release(slot);
            }
        }
    }

    private static Slot Activate(ScenarioRuntime runtime, List<Slot> retired)
    {
        // Reuse a VU whose ramp-down already finished, as k6 does, so its connections and variables carry over.
        var index = retired.FindIndex(s => s.Loop.IsCompleted);
        Slot slot;
        if (index >= 0)
        {
            slot = retired[index];
            retired.RemoveAt(index);
            Release(slot);
        }
        else
        {
            slot = new Slot { Vu = runtime.CreateVu() };
        }

        // Created on the run's clock so that the graceful ramp-down timeout follows injected time in tests.
        var interrupt = new CancellationTokenSource(Timeout.InfiniteTimeSpan, runtime.Run.Time);
        slot.Interrupt = interrupt;
        slot.OnHardStop = runtime.HardStop.Register(static state => ((CancellationTokenSource)state!).Cancel(), interrupt);
        slot.Vu.Retire = new CancellationTokenSource();
        slot.Vu.CancellationToken = slot.Interrupt.Token;
        slot.Loop = runtime.RunLoopAsync(slot.Vu, static () => true);
        return slot;
    }

    private static void Release(Slot slot)
    {
        slot.OnHardStop.Dispose();
        slot.Interrupt?.Dispose();
        slot.Vu.Retire?.Dispose();
    }
}
