using Shouldly;
using Stampede.Execution;
using Stampede.Plans;
using Xunit;

namespace Stampede.Tests.Execution;

public sealed class EngineLifecycleTests
{
    [Fact]
    public async Task RunAsync_SetupData_IsHandedToEveryVuAndTeardown()
    {
        var seen = new System.Collections.Concurrent.ConcurrentBag<string>();
        object? tornDownWith = null;
        var plan = TestPlan.Create("lifecycle")
            .Setup(_ => Task.FromResult<object?>("token-123"))
            .Scenario("s", s => s.PerVuIterations(3, 2).Iteration(vu =>
            {
                seen.Add(vu.SetupDataAs<string>());
                return Task.CompletedTask;
            }))
            .Teardown((_, data) =>
            {
                tornDownWith = data;
                return Task.CompletedTask;
            })
            .Build();

        await new Engine().RunAsync(plan);

        seen.Count.ShouldBe(6);
        seen.ShouldAllBe(s => s == "token-123");
        tornDownWith.ShouldBe("token-123");
    }

    [Fact]
    public async Task RunAsync_SetupThrows_SkipsScenariosButStillReturnsAResultAndTearsDown()
    {
        var iterations = 0;
        var tornDown = false;
        var plan = TestPlan.Create("setup-fails")
            .Setup(_ => throw new InvalidOperationException("no org"))
            .Scenario("s", s => s.PerVuIterations(1, 5).Iteration(_ =>
            {
                iterations++;
                return Task.CompletedTask;
            }))
            .Teardown((_, _) =>
            {
                tornDown = true;
                return Task.CompletedTask;
            })
            .Build();

        var result = await new Engine().RunAsync(plan);

        iterations.ShouldBe(0);
        tornDown.ShouldBeTrue();
        result.Meta.StopReason.ShouldBe("setup failed: no org");
        result.Errors.Single().Scenario.ShouldBe("setup");
    }

    [Fact]
    public async Task RunAsync_GracefulStopRequested_EndsEarlyWithACompleteResult()
    {
        var control = new RunControl();
        var plan = TestPlan.Create("stopped")
            .Scenario("s", s => s.ConstantVus(2, "30s").GracefulStop("5s").Iteration(async vu => await vu.SleepAsync(TimeSpan.FromMilliseconds(20))))
            .Build();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var run = new Engine(new EngineOptions { Control = control }).RunAsync(plan);
        await Task.Delay(500);
        control.RequestStop("test stop");
        var result = await run;

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        result.Meta.StopReason.ShouldBe("test stop");
        result.Metric("iterations")!.Values.Count!.Value.ShouldBeGreaterThan(10);
        result.Scenarios.Single().InterruptedIterations.ShouldBe(0);
    }

    [Fact]
    public async Task RunAsync_HardStop_InterruptsRunningIterations()
    {
        var control = new RunControl();
        var plan = TestPlan.Create("hard")
            .Scenario("s", s => s.ConstantVus(3, "30s").GracefulStop("30s").Iteration(async vu => await vu.SleepAsync(TimeSpan.FromSeconds(60))))
            .Build();

        var run = new Engine(new EngineOptions { Control = control }).RunAsync(plan);
        await Task.Delay(300);
        control.RequestStop("first");
        await Task.Delay(200);
        control.RequestHardStop("second");
        var result = await run.WaitAsync(TimeSpan.FromSeconds(10));

        result.Scenarios.Single().InterruptedIterations.ShouldBe(3);
        result.Meta.StopReason.ShouldBe("first");
    }

    [Fact]
    public async Task RunAsync_AbortOnFailThreshold_StopsTheRunAndFails()
    {
        var plan = TestPlan.Create("abort")
            .Scenario("s", s => s.ConstantVus(1, "30s").Iteration(async vu =>
            {
                vu.Check("always fails", false);
                await vu.SleepAsync(TimeSpan.FromMilliseconds(10));
            }))
            .Threshold("checks", "rate>0.9", abortOnFail: true, delayAbortEval: TimeSpan.FromSeconds(1))
            .Build();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = await new Engine().RunAsync(plan);

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
        result.Passed.ShouldBeFalse();
        var threshold = result.Thresholds.Single();
        threshold.Aborted.ShouldBeTrue();
        threshold.Outcome.ShouldBe("failed");
        result.Meta.StopReason!.ShouldContain("abortOnFail");
    }

    [Fact]
    public async Task RunAsync_ThresholdOnSubmetric_JudgesOnlyMatchingSeries()
    {
        var plan = TestPlan.Create("submetric")
            .Scenario("good", s => s.PerVuIterations(1, 10).Iteration(vu => { vu.Check("c", true); return Task.CompletedTask; }))
            .Scenario("bad", s => s.PerVuIterations(1, 10).Iteration(vu => { vu.Check("c", false); return Task.CompletedTask; }))
            .Threshold("checks{scenario:good}", "rate==1")
            .Threshold("checks{scenario:bad}", "rate==0")
            .Threshold("checks", "rate==0.5")
            .Threshold("checks{scenario:missing}", "rate>0")
            .Build();

        var result = await new Engine().RunAsync(plan);

        result.Thresholds.Select(t => t.Outcome).ShouldBe(["passed", "passed", "passed", "noData"]);
        result.Passed.ShouldBeTrue();
    }

    [Fact]
    public async Task RunAsync_Groups_TagSamplesWithTheGroupPath()
    {
        var plan = TestPlan.Create("groups")
            .Scenario("s", s => s.PerVuIterations(1, 3).Iteration(async vu =>
            {
                await vu.Group("outer", async () =>
                {
                    await vu.Group("inner", () =>
                    {
                        vu.Check("deep", true);
                        return Task.CompletedTask;
                    });
                });
                vu.Check("top", true);
            }))
            .Build();

        var result = await new Engine().RunAsync(plan);

        result.Checks.Single(c => c.Name == "deep").Group.ShouldBe("::outer::inner");
        result.Checks.Single(c => c.Name == "top").Group.ShouldBe("");
        result.Metric("group_duration")!.Series.Select(s => s.Tags["group"]).Order().ShouldBe(["::outer", "::outer::inner"]);
    }

    [Fact]
    public async Task RunAsync_Timelines_HaveAPointPerSecond()
    {
        var plan = TestPlan.Create("timeline")
            .Scenario("s", s => s.ConstantVus(2, "2500ms").Iteration(async vu => await vu.SleepAsync(TimeSpan.FromMilliseconds(50))))
            .Build();

        var result = await new Engine().RunAsync(plan);

        result.Meta.Seconds.ShouldBeInRange(3, 4);
        var iterations = result.Metric("iterations")!;
        iterations.Timeline!.Values!.Sum().ShouldBe(iterations.Values.Count!.Value);
        iterations.Timeline.Values!.Count.ShouldBe(result.Meta.Seconds - iterations.Timeline.Start);
        var duration = result.Metric("iteration_duration")!;
        duration.Timeline!.Total!.Sum().ShouldBe((long)duration.Values.Count!.Value);
        duration.Timeline.P50!.Where(p => p > 0).ShouldAllBe(p => p >= 45 && p < 200);
    }
}
