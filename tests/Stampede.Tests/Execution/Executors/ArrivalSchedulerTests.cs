using Shouldly;
using Stampede.Execution;
using Stampede.Plans;
using Xunit;

namespace Stampede.Tests.Execution.Executors;

/// <summary>
/// The arrival scheduler on an injected clock: arrivals start when that clock reaches them, not when the wall clock
/// does. The schedules span minutes of fake time, so a wait that followed the wall clock would outlast the test.
/// </summary>
public sealed class ArrivalSchedulerTests
{
    [Fact]
    public async Task RunAsync_RampingRateOnAnInjectedClock_StartsTheArrivalsDueByEachInstant()
    {
        // The rate ramps 0 → 10/s over 10 s, so N(t) = t²/2 arrivals are due by t; arrival i at √(2i), the first at 0.
        var started = 0;
        var plan = TestPlan.Create("ramp").Scenario("s", s => s.RampingArrivalRate(stages: [("10s", 10)], preAllocatedVus: 5, maxVus: 60)
            .Iteration(_ =>
            {
                Interlocked.Increment(ref started);
                return Task.CompletedTask;
            })).Build();

        var run = FakeClockRun.Start(plan);
        int[] expected = [1, 3, 5, 9, 13, 19, 25, 33, 41, 50];
        var seen = new List<int>();
        for (var second = 1; second <= 10; second++)
        {
            run.AdvanceTo(TimeSpan.FromSeconds(second));
            var due = expected[second - 1];
            await FakeClockRun.UntilAsync(() => Volatile.Read(ref started) >= due, $"{due} arrivals by {second} s");
            seen.Add(Volatile.Read(ref started));
        }

        var result = await run.EndedAsync();

        seen.ShouldBe(expected);
        result.Scenarios.Single().Iterations.ShouldBe(50);
        result.Scenarios.Single().DroppedIterations.ShouldBe(0);
        result.Meta.DurationSeconds.ShouldBe(10);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_MinutesBetweenArrivals_EachStartsWhenTheInjectedClockReachesIt(bool socketLoop)
    {
        // One arrival a minute. With the socket loop asked for, the schedule must still leave the loop's timer,
        // which follows the wall clock, for the injected clock's own.
        var started = 0;
        var plan = TestPlan.Create("sparse").Scenario("s", s => s.ConstantArrivalRate(rate: 1, timeUnit: "1m", duration: "3m", preAllocatedVus: 1)
            .Iteration(_ =>
            {
                Interlocked.Increment(ref started);
                return Task.CompletedTask;
            })).Build();

        var run = FakeClockRun.Start(plan, new EngineOptions { SocketEventLoop = socketLoop, StartArrivalsInline = socketLoop });
        await FakeClockRun.UntilAsync(() => Volatile.Read(ref started) == 1, "the first arrival, at once");
        run.AdvanceTo(TimeSpan.FromSeconds(59.9));
        var beforeTheMinute = Volatile.Read(ref started);
        run.AdvanceTo(TimeSpan.FromMinutes(1));
        await FakeClockRun.UntilAsync(() => Volatile.Read(ref started) == 2, "the second arrival, at 1 min");
        run.AdvanceTo(TimeSpan.FromMinutes(2));
        await FakeClockRun.UntilAsync(() => Volatile.Read(ref started) == 3, "the third arrival, at 2 min");
        run.AdvanceTo(TimeSpan.FromMinutes(3));
        var result = await run.EndedAsync();

        beforeTheMinute.ShouldBe(1);
        result.Scenarios.Single().Iterations.ShouldBe(3);
        result.Metric("iteration_lateness")!.Values.Max.ShouldBe(0);
    }

    [Fact]
    public async Task RunAsync_StopRequestedWhileWaitingForTheNextArrival_EndsWithoutTheClockMoving()
    {
        var control = new RunControl();
        var started = 0;
        var plan = TestPlan.Create("stop").Scenario("s", s => s.ConstantArrivalRate(rate: 1, timeUnit: "10m", duration: "1h", preAllocatedVus: 1)
            .Iteration(_ =>
            {
                Interlocked.Increment(ref started);
                return Task.CompletedTask;
            })).Build();

        var run = FakeClockRun.Start(plan, new EngineOptions { Control = control });
        await FakeClockRun.UntilAsync(() => Volatile.Read(ref started) == 1, "the first arrival");
        control.RequestStop("test stop");
        var result = await run.EndedAsync();

        result.Meta.StopReason.ShouldBe("test stop");
        result.Scenarios.Single().Iterations.ShouldBe(1);
        result.Meta.DurationSeconds.ShouldBe(0);
    }
}
