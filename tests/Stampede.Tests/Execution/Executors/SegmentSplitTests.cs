using System.Collections.Concurrent;
using Shouldly;
using Stampede.Execution;
using Stampede.Execution.Executors;
using Stampede.Metrics;
using Stampede.Plans;
using Xunit;

namespace Stampede.Tests.Execution.Executors;

/// <summary>
/// Each executor split four ways (the sequence 0,1/4,1/2,3/4,1), every segment a real engine run on an injected
/// clock: the segments' shares add up to the whole plan, and their iterations are the plan's, each once.
/// </summary>
public sealed class SegmentSplitTests
{
    private static readonly ExecutionSegmentSequence Quarters = ExecutionSegmentSequence.Parse("0,1/4,1/2,3/4,1");

    private sealed record Part(RunResult Result, IReadOnlyList<long> Iterations, IReadOnlyList<(TimeSpan At, int Vu)> Starts);

    private static async Task<Part> RunAsync(Func<Func<VuContext, Task>, TestPlan> plan, ExecutionSegment? segment, TimeSpan until, bool pause)
    {
        var iterations = new ConcurrentQueue<long>();
        var starts = new ConcurrentQueue<(TimeSpan, int)>();
        var built = plan(vu =>
        {
            iterations.Enqueue(vu.IterationInScenario);
            starts.Enqueue((vu.ScenarioElapsed, vu.Id));
            // Arrivals start on the scheduler's thread, which may start the last one after the clock last moved: a
            // pause would then never end, so arrival-rate iterations return at once.
            return pause ? vu.SleepAsync(TimeSpan.FromMilliseconds(100)).AsTask() : Task.CompletedTask;
        });
        var run = FakeClockRun.Start(built, new EngineOptions { Segment = segment, SegmentSequence = segment is null ? null : Quarters });
        await run.AdvanceSecondsAsync((int)until.TotalSeconds);
        var result = await run.EndedAsync();
        return new Part(result, [.. iterations], [.. starts]);
    }

    private static async Task<(Part Whole, IReadOnlyList<Part> Parts)> SplitAsync(Func<Func<VuContext, Task>, TestPlan> plan, TimeSpan until, bool pause = true)
    {
        var whole = await RunAsync(plan, null, until, pause);
        var parts = new List<Part>();
        foreach (var segment in Quarters.Segments)
        {
            parts.Add(await RunAsync(plan, segment, until, pause));
        }

        return (whole, parts);
    }

    [Fact]
    public async Task ConstantVus_FourSegments_VusAddUpToThePlans()
    {
        var (whole, parts) = await SplitAsync(i => TestPlan.Create("p").Scenario("s", s => s.ConstantVus(10, "2s").Iteration(i)).Build(), TimeSpan.FromSeconds(3));

        parts.Select(p => p.Result.Scenarios.Single().Vus).ShouldBe([3, 3, 2, 2]);
        whole.Result.Scenarios.Single().Vus.ShouldBe(10);
        parts.Sum(p => p.Result.Scenarios.Single().Iterations).ShouldBe(whole.Result.Scenarios.Single().Iterations);
        parts.Select(p => p.Result.Meta.Segment).ShouldBe(["0:1/4", "1/4:1/2", "1/2:3/4", "3/4:1"]);
        whole.Result.Meta.Segment.ShouldBeNull();
    }

    [Fact]
    public async Task PerVuIterations_FourSegments_VusSplitAndIterationsStayPerVu()
    {
        var (whole, parts) = await SplitAsync(i => TestPlan.Create("p").Scenario("s", s => s.PerVuIterations(6, 3).Iteration(i)).Build(), TimeSpan.FromSeconds(2));

        parts.Sum(p => p.Result.Scenarios.Single().Vus).ShouldBe(6);
        parts.Sum(p => p.Result.Scenarios.Single().Iterations).ShouldBe(18);
        whole.Result.Scenarios.Single().Iterations.ShouldBe(18);
    }

    [Fact]
    public async Task SharedIterations_FourSegments_SplitTheIterationsAndNumberEachOfThePlansOnce()
    {
        var (whole, parts) = await SplitAsync(i => TestPlan.Create("p").Scenario("s", s => s.SharedIterations(4, 103).Iteration(i)).Build(), TimeSpan.FromSeconds(12));

        parts.Select(p => p.Result.Scenarios.Single().Vus).ShouldBe([1, 1, 1, 1]);
        parts.Select(p => p.Result.Scenarios.Single().Iterations).ShouldBe([26, 26, 26, 25]);
        parts.SelectMany(p => p.Iterations).Order().ShouldBe(Enumerable.Range(0, 103).Select(i => (long)i));
        whole.Iterations.Order().ShouldBe(Enumerable.Range(0, 103).Select(i => (long)i));
    }

    [Fact]
    public async Task SharedIterations_FewerVusThanSegments_SegmentsWithoutAVuRunNothing()
    {
        var (_, parts) = await SplitAsync(i => TestPlan.Create("p").Scenario("s", s => s.SharedIterations(2, 9).Iteration(i)).Build(), TimeSpan.FromSeconds(6));

        parts.Select(p => p.Result.Scenarios.Single().Vus).ShouldBe([1, 1, 0, 0]);
        parts.Sum(p => p.Result.Scenarios.Single().Iterations).ShouldBe(9);
        parts.SelectMany(p => p.Iterations).Order().ShouldBe(Enumerable.Range(0, 9).Select(i => (long)i));
    }

    [Fact]
    public async Task RampingVus_FourSegments_BusyVusAddUpToThePlansEverySecond()
    {
        var (whole, parts) = await SplitAsync(i => TestPlan.Create("p").Scenario("s", s => s.RampingVus(stages: [("4s", 8), ("2s", 8), ("4s", 0)], startVus: 0, gracefulRampDown: "1s").Iteration(i)).Build(), TimeSpan.FromSeconds(12));

        static IReadOnlyList<int> Busy(Part part) => [.. Enumerable.Range(0, 10).Select(second => part.Starts
            .Where(s => s.At >= TimeSpan.FromSeconds(second + 0.3) && s.At <= TimeSpan.FromSeconds(second + 0.7))
            .Select(s => s.Vu).Distinct().Count())];

        var wholeBusy = Busy(whole);
        wholeBusy.ShouldBe([1, 3, 5, 7, 8, 8, 8, 6, 4, 2]);
        Enumerable.Range(0, 10).Select(second => parts.Sum(p => Busy(p)[second])).ShouldBe(wholeBusy);
        parts.Select(p => p.Result.Scenarios.Single().Vus).ShouldBe([2, 2, 2, 2]);
    }

    [Fact]
    public async Task ConstantArrivalRate_FourSegments_StartThePlansArrivalsEachOnce()
    {
        var (whole, parts) = await SplitAsync(i => TestPlan.Create("p").Scenario("s", s => s.ConstantArrivalRate(rate: 10, duration: "3s", preAllocatedVus: 4, maxVus: 8).Iteration(i)).Build(), TimeSpan.FromSeconds(5), pause: false);

        whole.Result.Scenarios.Single().Iterations.ShouldBe(30);
        parts.Select(p => p.Result.Scenarios.Single().Iterations).ShouldBe([8, 8, 7, 7]);
        parts.SelectMany(p => p.Iterations).Order().ShouldBe(Enumerable.Range(0, 30).Select(i => (long)i));
        parts.Sum(p => p.Result.Scenarios.Single().DroppedIterations).ShouldBe(0);
        parts.Select(p => p.Result.Scenarios.Single().Vus).ShouldAllBe(v => v >= 1 && v <= 2);
    }

    [Fact]
    public async Task RampingArrivalRate_FourSegments_StartThePlansArrivalsEachOnce()
    {
        var (whole, parts) = await SplitAsync(i => TestPlan.Create("p").Scenario("s", s => s.RampingArrivalRate(stages: [("10s", 10)], preAllocatedVus: 8, maxVus: 8).Iteration(i)).Build(), TimeSpan.FromSeconds(12), pause: false);

        whole.Result.Scenarios.Single().Iterations.ShouldBe(50);
        parts.Sum(p => p.Result.Scenarios.Single().Iterations).ShouldBe(50);
        parts.SelectMany(p => p.Iterations).Order().ShouldBe(Enumerable.Range(0, 50).Select(i => (long)i));
    }

    [Theory]
    [InlineData(10.0, 0.0, 6.0)]
    [InlineData(0.0, 10.0, 10.0)]
    [InlineData(3.0, 17.0, 7.5)]
    public void ArrivalSchedule_FourSegments_InterleaveToThePlansScheduleExactly(double startRate, double target, double seconds)
    {
        // What each segment's scheduler waits for: the plan's arrival at each of its places.
        var pacer = new ArrivalPacer(startRate, [new Stage(TimeSpan.FromSeconds(seconds), target)]);
        var global = Enumerable.Range(0, 10_000).Select(i => pacer.OffsetOf(i)).TakeWhile(o => o is not null && o < pacer.Duration).ToList();
        var segmented = Quarters.Segments
            .SelectMany(segment =>
            {
                var stripe = ExecutionTuple.For(segment, Quarters).ForValue(8)!.Stripe;
                return Enumerable.Range(0, 10_000).Select(i => pacer.OffsetOf(stripe.Global(i))).TakeWhile(o => o is not null && o < pacer.Duration);
            })
            .Order().ToList();

        global.Count.ShouldBeGreaterThan(20);
        segmented.ShouldBe(global);
    }
}
