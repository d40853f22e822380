using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Stampede.Execution;
using Stampede.Metrics;
using Stampede.Outputs;
using Stampede.Plans;

namespace Stampede.Tests.Execution;

/// <summary>
/// A real engine run on a <see cref="FakeTimeProvider"/>: the test moves time and every timer of the run follows it
/// (scenario durations, graceful stops, the one-second tick, arrival schedules, VU sleeps, setup timeouts).
/// An iteration that only returns <c>vu.SleepAsync(...).AsTask()</c> continues on the thread that moves the clock,
/// so what is due by an instant has happened when <see cref="AdvanceTo"/> returns; what runs on other threads (the
/// arrival scheduler, the tick) is waited for on a condition, never for a fixed time.
/// </summary>
/// <remarks>
/// The tests see the clock as Stampede does: <c>vu.SleepAsync</c> re-arms one timer per VU, often from inside that
/// timer's own callback (the next iteration starts where the last pause ended).
/// </remarks>
internal sealed class FakeClockRun
{
    /// <summary>
    /// How long a condition may take to come true on the wall clock: ample on a busy machine, and far shorter than
    /// the spans these tests put on the fake clock, so a timer that followed the wall clock instead fails them.
    /// </summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly DateTimeOffset _start;
    private readonly TickProbe _ticks = new();

    private FakeClockRun(TestPlan plan, EngineOptions options, FakeClock? time)
    {
        Time = time ?? new FakeClock();
        _start = Time.GetUtcNow();
        Result = new Engine(options with { Time = Time, Outputs = [.. options.Outputs, _ticks] }).RunAsync(plan);
    }

    /// <summary>Starts <paramref name="plan"/>; the clock stands still until the test moves it.</summary>
    public static FakeClockRun Start(TestPlan plan, EngineOptions? options = null, FakeClock? time = null) => new(plan, options ?? new EngineOptions(), time);

    public FakeClock Time { get; }

    public Task<RunResult> Result { get; }

    /// <summary>Time since the run started, on its clock.</summary>
    public TimeSpan Elapsed => Time.GetUtcNow() - _start;

    /// <summary>What each tick showed the outputs, in order.</summary>
    public IReadOnlyList<LiveSnapshot> Seconds => [.. _ticks.Snapshots];

    /// <summary>Moves the clock to <paramref name="elapsed"/> after the start, firing every timer due on the way at its own instant.</summary>
    public void AdvanceTo(TimeSpan elapsed) => Time.Walk(elapsed - Elapsed);

    /// <summary>
    /// Moves the clock one second at a time, <paramref name="seconds"/> times, waiting after each for the engine's
    /// tick of that second (or for the run to end): a tick runs off the clock's thread, and ticks the clock passes
    /// while one is still running fold into one.
    /// </summary>
    /// <param name="until">Stops moving the clock, before the next second, once this holds.</param>
    public async Task AdvanceSecondsAsync(int seconds, Func<bool>? until = null)
    {
        for (var i = 0; i < seconds && !Result.IsCompleted && until?.Invoke() != true; i++)
        {
            var ticked = _ticks.Count;
            Time.Walk(TimeSpan.FromSeconds(1));
            await UntilAsync(() => _ticks.Count > ticked || Result.IsCompleted, $"the tick after {Elapsed}");
        }
    }

    /// <summary>The run's result, once it ends without the clock moving further.</summary>
    public Task<RunResult> EndedAsync() => Result.WaitAsync(Patience);

    /// <summary>Waits, on the wall clock, until <paramref name="condition"/> holds; fails after <see cref="Patience"/>.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited {Patience.TotalSeconds} s for {what}");
            }

            await Task.Delay(5);
        }
    }

    private sealed class TickProbe : IOutput
    {
        private int _count;

        public ConcurrentQueue<LiveSnapshot> Snapshots { get; } = new();

        public int Count => Volatile.Read(ref _count);

        public void Start(RunInfo run)
        {
        }

        public void OnSecond(LiveSnapshot snapshot)
        {
            Snapshots.Enqueue(snapshot);
            Interlocked.Increment(ref _count);
        }

        public Task EndAsync(RunResult result, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
