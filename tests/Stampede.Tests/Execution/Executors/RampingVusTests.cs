using System.Collections.Concurrent;
using Shouldly;
using Stampede.Plans;
using Xunit;

namespace Stampede.Tests.Execution.Executors;

/// <summary><c>ramping-vus</c> on an injected clock: the VU count follows the stages, and ramp-down is graceful for as long as it says.</summary>
public sealed class RampingVusTests
{
    [Fact]
    public async Task RunAsync_OnAnInjectedClock_VuCountFollowsTheStagesAndReachesEachTargetAtTheStageEnd()
    {
        // Up to 4 VUs over 4 s, hold 2 s, down to 0 over 4 s; each iteration a 100 ms pause.
        var starts = new ConcurrentQueue<(TimeSpan At, int Vu)>();
        var plan = TestPlan.Create("ramp").Scenario("s", s => s.RampingVus(stages: [("4s", 4), ("2s", 4), ("4s", 0)], startVus: 0, gracefulRampDown: "1s")
            .Iteration(vu =>
            {
                starts.Enqueue((vu.ScenarioElapsed, vu.Id));
                return vu.SleepAsync(TimeSpan.FromMilliseconds(100)).AsTask();
            })).Build();

        var run = FakeClockRun.Start(plan);
        run.AdvanceTo(TimeSpan.FromSeconds(11));
        var result = await run.EndedAsync();

        // VUs busy in the middle of each second, away from the instants the count changes.
        var busy = Enumerable.Range(0, 10).Select(second => starts
            .Where(s => s.At >= TimeSpan.FromSeconds(second + 0.25) && s.At <= TimeSpan.FromSeconds(second + 0.75))
            .Select(s => s.Vu).Distinct().Count()).ToList();
        busy.ShouldBe([0, 1, 2, 3, 4, 4, 4, 3, 2, 1]);
        // The fourth VU starts when the first stage ends, within the executor's 50 ms step.
        var fourth = starts.GroupBy(s => s.Vu).Select(g => g.Min(s => s.At)).Order().ElementAt(3);
        fourth.ShouldBeInRange(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(4.05));
        result.Scenarios.Single().Vus.ShouldBe(4);
        result.Scenarios.Single().InterruptedIterations.ShouldBe(0);
    }

    [Fact]
    public async Task RunAsync_RetiredVuOutlivesTheGracefulRampDown_IsInterruptedWhenItEnds()
    {
        // One VU whose only iteration pauses for 10 min; the stages retire it at 61 s, and it may finish for 30 s more.
        var interruptedAt = TimeSpan.Zero;
        var plan = TestPlan.Create("ramp-down").Scenario("s", s => s.RampingVus(stages: [("1m", 1), ("1s", 0), ("5m", 0)], startVus: 1, gracefulRampDown: "30s")
            .Iteration(async vu =>
            {
                try
                {
                    await vu.SleepAsync(TimeSpan.FromMinutes(10)).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    interruptedAt = vu.ScenarioElapsed;
                    throw;
                }
            })).Build();

        var run = FakeClockRun.Start(plan);
        run.AdvanceTo(TimeSpan.FromSeconds(90));
        var before = interruptedAt;
        run.AdvanceTo(TimeSpan.FromMinutes(7));
        var result = await run.EndedAsync();

        before.ShouldBe(TimeSpan.Zero);
        interruptedAt.ShouldBeInRange(TimeSpan.FromSeconds(91), TimeSpan.FromSeconds(91.05));
        result.Scenarios.Single().InterruptedIterations.ShouldBe(1);
        result.Scenarios.Single().Iterations.ShouldBe(0);
    }
}
