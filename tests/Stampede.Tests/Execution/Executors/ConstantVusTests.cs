using Shouldly;
using Stampede.Plans;
using Xunit;

namespace Stampede.Tests.Execution.Executors;

/// <summary><c>constant-vus</c> on an injected clock: when it stops starting iterations, and when it interrupts them.</summary>
public sealed class ConstantVusTests
{
    [Fact]
    public async Task RunAsync_IterationsEndWithinTheGracefulStop_StartsNoneAfterTheDurationAndLetsTheLastFinish()
    {
        // Two VUs whose iterations take 3 min each, for 10 min: they start at 0, 3, 6 and 9 min; the last end at 12,
        // inside the 5 min graceful stop.
        var plan = TestPlan.Create("constant").Scenario("s", s => s.ConstantVus(2, "10m").GracefulStop("5m")
            .Iteration(vu => vu.SleepAsync(TimeSpan.FromMinutes(3)).AsTask())).Build();

        var run = FakeClockRun.Start(plan);
        run.AdvanceTo(TimeSpan.FromMinutes(12));
        var result = await run.EndedAsync();

        var scenario = result.Scenarios.Single();
        scenario.Iterations.ShouldBe(8);
        scenario.InterruptedIterations.ShouldBe(0);
        result.Metric("iteration_duration")!.Values.Min!.Value.ShouldBe(180_000, tolerance: 180);
        result.Metric("iteration_duration")!.Values.Max!.Value.ShouldBe(180_000, tolerance: 180);
        result.Meta.DurationSeconds.ShouldBe(720);
    }

    [Fact]
    public async Task RunAsync_IterationOutlivesTheGracefulStop_IsInterruptedAtTheDurationPlusTheGracefulStop()
    {
        // One VU whose iterations take 8 min, for 10 min with a 5 min graceful stop: the second iteration, due to end
        // at 16 min, is cut at 15.
        var plan = TestPlan.Create("outlives").Scenario("s", s => s.ConstantVus(1, "10m").GracefulStop("5m")
            .Iteration(vu => vu.SleepAsync(TimeSpan.FromMinutes(8)).AsTask())).Build();

        var run = FakeClockRun.Start(plan);
        run.AdvanceTo(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        var endedEarly = run.Result.IsCompleted;
        run.AdvanceTo(TimeSpan.FromMinutes(15));
        var result = await run.EndedAsync();

        endedEarly.ShouldBeFalse();
        var scenario = result.Scenarios.Single();
        scenario.Iterations.ShouldBe(1);
        scenario.InterruptedIterations.ShouldBe(1);
        result.Meta.DurationSeconds.ShouldBe(900);
    }
}
