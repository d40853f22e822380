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
            .Scenario("s", s => s.ConstantVus(2, "30m").GracefulStop("5m").Iteration(vu => vu.SleepAsync(TimeSpan.FromSeconds(1)).AsTask()))
            .Build();

        var run = FakeClockRun.Start(plan, new EngineOptions { Control = control });
        run.AdvanceTo(TimeSpan.FromSeconds(10.5));
        control.RequestStop("test stop");
        run.AdvanceTo(TimeSpan.FromSeconds(11));
        var result = await run.EndedAsync();

        // Ten iterations each by 10.5 s, and the eleventh each was running: it finished, and no other started.
        result.Meta.StopReason.ShouldBe("test stop");
        result.Metric("iterations")!.Values.Count.ShouldBe(22);
        result.Scenarios.Single().InterruptedIterations.ShouldBe(0);
        result.Meta.DurationSeconds.ShouldBe(11);
    }

    [Fact]
    public async Task RunAsync_HardStop_InterruptsRunningIterations()
    {
        var control = new RunControl();
        var entered = 0;
        var plan = TestPlan.Create("hard")
            .Scenario("s", s => s.ConstantVus(3, "30m").GracefulStop("30m").Iteration(vu =>
            {
                Interlocked.Increment(ref entered);
                return vu.SleepAsync(TimeSpan.FromMinutes(60)).AsTask();
            }))
            .Build();

        var run = FakeClockRun.Start(plan, new EngineOptions { Control = control });
        await FakeClockRun.UntilAsync(() => Volatile.Read(ref entered) == 3, "three VUs in an iteration");
        control.RequestStop("first");
        run.AdvanceTo(TimeSpan.FromMinutes(1));
        var afterTheGracefulStop = run.Result.IsCompleted;
        control.RequestHardStop("second");
        var result = await run.EndedAsync();

        afterTheGracefulStop.ShouldBeFalse();
        result.Scenarios.Single().InterruptedIterations.ShouldBe(3);
        result.Meta.StopReason.ShouldBe("first");
        result.Meta.DurationSeconds.ShouldBe(60);
    }

    [Fact]
    public async Task RunAsync_SetupOutlivesItsTimeout_StopsTheRunAtTheTimeout()
    {
        var iterations = 0;
        var plan = TestPlan.Create("slow-setup")
            .Setup(async vu =>
            {
                await vu.SleepAsync(TimeSpan.FromHours(1)).ConfigureAwait(false);
                return null;
            })
            .Scenario("s", s => s.PerVuIterations(1, 1).Iteration(_ =>
            {
                iterations++;
                return Task.CompletedTask;
            }))
            .Build() with
        { SetupTimeout = TimeSpan.FromMinutes(5) };

        var run = FakeClockRun.Start(plan);
        run.AdvanceTo(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        var endedEarly = run.Result.IsCompleted;
        run.AdvanceTo(TimeSpan.FromMinutes(5));
        var result = await run.EndedAsync();

        endedEarly.ShouldBeFalse();
        iterations.ShouldBe(0);
        result.Meta.StopReason!.ShouldStartWith("setup failed");
        result.Errors.Single().Scenario.ShouldBe("setup");
        result.Meta.DurationSeconds.ShouldBe(300);
    }

    [Fact]
    public async Task RunAsync_TeardownOutlivesItsTimeout_IsCutOffAndRecorded()
    {
        var plan = TestPlan.Create("slow-teardown")
            .Scenario("s", s => s.PerVuIterations(1, 1).Iteration(_ => Task.CompletedTask))
            .Teardown((vu, _) => vu.SleepAsync(TimeSpan.FromHours(1)).AsTask())
            .Build() with
        { SetupTimeout = TimeSpan.FromMinutes(5) };

        var run = FakeClockRun.Start(plan);
        run.AdvanceTo(TimeSpan.FromMinutes(5));
        var result = await run.EndedAsync();

        result.Scenarios.Single().Iterations.ShouldBe(1);
        result.Errors.Single().Scenario.ShouldBe("teardown");
        result.Meta.DurationSeconds.ShouldBe(300);
    }

    [Fact]
    public async Task RunAsync_Prepare_RunsBeforeTheClockStartsWithThePlanAsItRuns()
    {
        var preparing = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        TestPlan? seen = null;
        var plan = TestPlan.Create("prepare")
            .Scenario("s", s => s.PerVuIterations(3, 1).Iteration(_ => Task.CompletedTask))
            .Build() with
        {
            Prepare = async (running, _) =>
            {
                seen = running;
                preparing.SetResult();
                await release.Task;
            },
        };

        var run = FakeClockRun.Start(plan);
        await preparing.Task.WaitAsync(FakeClockRun.Patience);
        run.AdvanceTo(TimeSpan.FromSeconds(30));
        var preparedAt = run.Time.GetUtcNow();
        release.SetResult();
        var result = await run.EndedAsync();

        seen!.Scenarios.Single().Executor.PeakVus.ShouldBe(3);
        result.Meta.StartedAt.ShouldBe(preparedAt);
        result.Meta.DurationSeconds.ShouldBe(0);
        result.Scenarios.Single().Iterations.ShouldBe(3);
    }

    [Fact]
    public async Task RunAsync_PrepareThrows_StopsBeforeSetupWithInitFailed()
    {
        var setups = 0;
        var plan = TestPlan.Create("prepare-fails")
            .Scenario("s", s => s.PerVuIterations(1, 1).Iteration(_ => Task.CompletedTask))
            .Setup(_ => { setups++; return Task.FromResult<object?>(null); })
            .Build() with
        { Prepare = (_, _) => throw new InvalidOperationException("runtime 2 failed") };

        var result = await new Engine().RunAsync(plan);

        setups.ShouldBe(0);
        result.Meta.StopReason.ShouldBe("init failed: runtime 2 failed");
        result.Errors.Single().Scenario.ShouldBe("init");
        result.Scenarios.Single().Iterations.ShouldBe(0);
    }

    [Fact]
    public async Task RunAsync_AbortOnFailThreshold_StopsTheRunAfterItsDelayAndFails()
    {
        var plan = TestPlan.Create("abort")
            .Scenario("s", s => s.ConstantVus(1, "30m").Iteration(vu =>
            {
                vu.Check("always fails", false);
                return vu.SleepAsync(TimeSpan.FromMilliseconds(100)).AsTask();
            }))
            .Threshold("checks", "rate>0.9", abortOnFail: true, delayAbortEval: TimeSpan.FromSeconds(10))
            .Build();

        var control = new RunControl();
        var run = FakeClockRun.Start(plan, new EngineOptions { Control = control });
        await run.AdvanceSecondsAsync(60, until: () => control.StopReason is not null);
        var abortedAt = run.Elapsed;
        run.AdvanceTo(abortedAt + TimeSpan.FromSeconds(1));
        var result = await run.EndedAsync();

        // The tick at 10 s is the first allowed to abort; the running iteration ends within the next second. The
        // engine reads the clock when it has wound down, on its own thread, so the end is bounded, not pinned.
        abortedAt.ShouldBe(TimeSpan.FromSeconds(10));
        result.Meta.DurationSeconds.ShouldBeInRange(10, 11);
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
    public async Task RunAsync_Timelines_HaveAPointPerSecondOfTheRunClock()
    {
        // Pauses of 30 ms end off the whole seconds, so no iteration ends at the instant a tick collects.
        var plan = TestPlan.Create("timeline")
            .Scenario("s", s => s.ConstantVus(2, "2500ms").Iteration(vu => vu.SleepAsync(TimeSpan.FromMilliseconds(30)).AsTask()))
            .Build();

        var run = FakeClockRun.Start(plan);
        await run.AdvanceSecondsAsync(2);
        run.AdvanceTo(TimeSpan.FromMilliseconds(2600));
        var result = await run.EndedAsync();

        // Two ticks and the last, partial second; per VU 33 iterations a second, then 17 before the duration ends
        // and the one running then, which ends at 2.52 s.
        result.Meta.Seconds.ShouldBe(3);
        var iterations = result.Metric("iterations")!;
        iterations.Values.Count.ShouldBe(168);
        iterations.Timeline!.Values!.ShouldBe([66d, 66d, 36d]);
        var duration = result.Metric("iteration_duration")!;
        duration.Timeline!.Total!.Sum().ShouldBe(168L);
        duration.Values.Med!.Value.ShouldBe(30, tolerance: 0.1);
    }
}
