using System.Collections.Concurrent;
using Shouldly;
using Stampede.Execution;
using Stampede.Execution.Executors;
using Stampede.Metrics;
using Stampede.Plans;
using Xunit;

namespace Stampede.Tests.Execution.Executors;

/// <summary>
/// Changes made to a running test from outside (the dashboard, <c>stampede control</c>) on an injected clock:
/// pause and resume, a new VU count (at once or ramped), a new arrival rate, each noted in the result.
/// </summary>
public sealed class LiveControlTests
{
    [Theory]
    [InlineData(2, 5, null, 0.0, 5)]
    [InlineData(2, 5, 2.0, 0.0, 2)]
    [InlineData(2, 5, 2.0, 0.49, 2)]
    [InlineData(2, 5, 2.0, 0.5, 3)]
    [InlineData(2, 5, 2.0, 1.0, 4)]
    [InlineData(2, 5, 2.0, 10.0, 5)]
    [InlineData(5, 1, 2.0, 1.0, 3)]
    [InlineData(5, 1, 2.0, 3.0, 1)]
    [InlineData(5, 0, null, 0.0, 0)]
    public void VusAt_FromACount_MovesToTheTargetAtTheRamp(int from, int target, double? ramp, double seconds, int expected) =>
        new VuChange(target, ramp, 1).VusAt(from, TimeSpan.FromSeconds(seconds)).ShouldBe(expected);

    [Fact]
    public async Task SetVus_OnConstantVus_ChangesTheCountAtOnceThenRampsDownAndIsNotedInTheResult()
    {
        var starts = new ConcurrentQueue<(TimeSpan At, int Vu)>();
        var plan = TestPlan.Create("live-vus").Scenario("s", s => s.ConstantVus(2, "10s").GracefulStop("1s")
            .Iteration(vu =>
            {
                starts.Enqueue((vu.ScenarioElapsed, vu.Id));
                return vu.SleepAsync(TimeSpan.FromMilliseconds(100)).AsTask();
            })).Build();
        var control = new RunControl { LiveLoad = true };

        var run = FakeClockRun.Start(plan, new EngineOptions { Control = control });
        run.AdvanceTo(TimeSpan.FromSeconds(2));
        control.SetVus(5, rampPerSecond: null);
        control.Annotate("vus: 5");
        run.AdvanceTo(TimeSpan.FromSeconds(4));
        control.SetVus(1, rampPerSecond: 2);
        run.AdvanceTo(TimeSpan.FromSeconds(11));
        var result = await run.EndedAsync();

        int Busy(double from, double to) => starts.Where(s => s.At >= TimeSpan.FromSeconds(from) && s.At <= TimeSpan.FromSeconds(to)).Select(s => s.Vu).Distinct().Count();
        Busy(0.25, 1.75).ShouldBe(2);
        Busy(2.25, 3.75).ShouldBe(5);

        // 5 → 1 at 2 VUs/s from 4 s: 4 at 4.5 s, 3 at 5 s, 2 at 5.5 s, 1 from 6 s.
        Busy(5.1, 5.4).ShouldBe(3);
        Busy(6.25, 9.75).ShouldBe(1);
        result.Scenarios.Single().Vus.ShouldBe(5);
        var noted = result.Annotations.ShouldHaveSingleItem();
        noted.Kind.ShouldBe(RunAnnotation.ControlKind);
        noted.Description.ShouldBe("vus: 5");
        noted.At.ShouldBe(2, tolerance: 0.001);
    }

    [Fact]
    public async Task SetVus_OnRampingVus_ReplacesTheStagesFromThen()
    {
        var starts = new ConcurrentQueue<(TimeSpan At, int Vu)>();
        var plan = TestPlan.Create("live-ramp").Scenario("s", s => s.RampingVus(stages: [("10s", 10)], startVus: 0, gracefulRampDown: "1s")
            .Iteration(vu =>
            {
                starts.Enqueue((vu.ScenarioElapsed, vu.Id));
                return vu.SleepAsync(TimeSpan.FromMilliseconds(100)).AsTask();
            })).Build();
        var control = new RunControl();

        var run = FakeClockRun.Start(plan, new EngineOptions { Control = control });
        run.AdvanceTo(TimeSpan.FromSeconds(3));
        control.SetVus(1, rampPerSecond: null);
        run.AdvanceTo(TimeSpan.FromSeconds(11));
        await run.EndedAsync();

        starts.Where(s => s.At >= TimeSpan.FromSeconds(4)).Select(s => s.Vu).Distinct().Count().ShouldBe(1);
    }

    [Fact]
    public async Task Pause_OnVus_StartsNoIterationUntilResume()
    {
        var starts = new ConcurrentQueue<TimeSpan>();
        var plan = TestPlan.Create("pause").Scenario("s", s => s.ConstantVus(2, "10s")
            .Iteration(vu =>
            {
                starts.Enqueue(vu.ScenarioElapsed);
                return vu.SleepAsync(TimeSpan.FromMilliseconds(100)).AsTask();
            })).Build();
        var control = new RunControl();

        var run = FakeClockRun.Start(plan, new EngineOptions { Control = control });
        run.AdvanceTo(TimeSpan.FromSeconds(3));
        control.Pause().ShouldBeTrue();
        control.Pause().ShouldBeFalse();
        run.AdvanceTo(TimeSpan.FromSeconds(6));
        var duringPause = starts.Count(s => s > TimeSpan.FromSeconds(3));
        control.Resume().ShouldBeTrue();
        await FakeClockRun.UntilAsync(() => starts.Count(s => s >= TimeSpan.FromSeconds(6)) == 2, "both VUs start again on resume");
        run.AdvanceTo(TimeSpan.FromSeconds(11));
        var result = await run.EndedAsync();

        duringPause.ShouldBe(0);
        control.Resume().ShouldBeFalse();
        starts.Count(s => s >= TimeSpan.FromSeconds(7) && s < TimeSpan.FromSeconds(8)).ShouldBe(20);
        result.Scenarios.Single().Iterations.ShouldBe(starts.Count);
    }

    [Fact]
    public async Task Pause_OnArrivalRate_SkipsArrivalsWithoutCountingThemDropped()
    {
        var started = 0;
        var plan = TestPlan.Create("pause-rate").Scenario("s", s => s.ConstantArrivalRate(rate: 10, duration: "6s", preAllocatedVus: 2, maxVus: 2)
            .Iteration(_ =>
            {
                Interlocked.Increment(ref started);
                return Task.CompletedTask;
            })).Build();
        var control = new RunControl();

        var run = FakeClockRun.Start(plan, new EngineOptions { Control = control });
        run.AdvanceTo(TimeSpan.FromSeconds(1.95));
        await FakeClockRun.UntilAsync(() => Volatile.Read(ref started) == 20, "20 arrivals in the first 2 s");
        control.Pause();
        run.AdvanceTo(TimeSpan.FromSeconds(3.95));

        // The scheduler runs on a thread of its own: the arrivals due by now have been skipped once it says so.
        await FakeClockRun.UntilAsync(() => control.SkippedArrivals == 20, "the 20 arrivals due while paused skipped");
        var duringPause = Volatile.Read(ref started) - 20;
        control.Resume();
        run.AdvanceTo(TimeSpan.FromSeconds(6));
        var result = await run.EndedAsync();

        duringPause.ShouldBe(0);
        result.Scenarios.Single().Iterations.ShouldBe(40);
        result.Scenarios.Single().DroppedIterations.ShouldBe(0);
    }

    [Fact]
    public async Task SetRate_OnConstantArrivalRate_StartsTheNewRateFromThen()
    {
        var starts = new ConcurrentQueue<TimeSpan>();
        var plan = TestPlan.Create("live-rate").Scenario("s", s => s.ConstantArrivalRate(rate: 10, duration: "6s", preAllocatedVus: 5, maxVus: 5)
            .Iteration(vu =>
            {
                starts.Enqueue(vu.ScenarioElapsed);
                return Task.CompletedTask;
            })).Build();
        var control = new RunControl();

        var run = FakeClockRun.Start(plan, new EngineOptions { Control = control });
        run.AdvanceTo(TimeSpan.FromSeconds(1.95));
        await FakeClockRun.UntilAsync(() => starts.Count == 20, "20 arrivals in the first 2 s");
        control.SetRate(30);
        for (var second = 2; second <= 6; second++)
        {
            run.AdvanceTo(TimeSpan.FromSeconds(second));
            var lower = 20 + (second - 2) * 30;
            await FakeClockRun.UntilAsync(() => starts.Count >= lower, $"{lower} arrivals by {second} s (have {starts.Count}, last at {starts.LastOrDefault()})");
        }

        var result = await run.EndedAsync();

        // 20 in the first 2 s at 10/s, then 30/s for the last 4 s, from the last arrival the scheduler had planned at
        // the old rate (1.9 or 2 s): 140 to 142, where the plan's rate alone would have started 60.
        result.Scenarios.Single().Iterations.ShouldBeInRange(139, 143);
        result.Scenarios.Single().DroppedIterations.ShouldBe(0);
    }
}
