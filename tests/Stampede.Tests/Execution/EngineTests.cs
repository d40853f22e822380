using Shouldly;
using Stampede.Execution;
using Stampede.Plans;
using Xunit;

namespace Stampede.Tests.Execution;

public sealed class EngineTests
{
    [Fact]
    public async Task RunAsync_PerVuIterations_RunsExactlyVusTimesIterations()
    {
        var count = 0;
        var plan = TestPlan.Create("exact")
            .Scenario("work", s => s.PerVuIterations(vus: 7, iterations: 13).Iteration(_ =>
            {
                Interlocked.Increment(ref count);
                return Task.CompletedTask;
            }))
            .Build();

        var result = await new Engine().RunAsync(plan);

        count.ShouldBe(91);
        result.Metric("iterations")!.Values.Count.ShouldBe(91);
        result.Scenarios.Single().Iterations.ShouldBe(91);
    }

    [Fact]
    public async Task RunAsync_RunShorterThanASecond_VusGaugesHoldTheTruePeak()
    {
        // Four VUs held together until all four are in an iteration, and the run over well before the first tick.
        var inside = 0;
        var allIn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var plan = TestPlan.Create("short")
            .Scenario("work", s => s.PerVuIterations(vus: 4, iterations: 1).Iteration(async _ =>
            {
                if (Interlocked.Increment(ref inside) == 4)
                {
                    allIn.TrySetResult();
                }

                await allIn.Task.WaitAsync(TimeSpan.FromSeconds(5));
            }))
            .Build();

        var result = await new Engine().RunAsync(plan);

        result.Meta.Seconds.ShouldBeLessThanOrEqualTo(1);
        result.Scenarios.Single().Iterations.ShouldBe(4);
        result.Metric("vus")!.Values.Max.ShouldBe(4);
        result.Metric("vus")!.Values.Value.ShouldBe(0);
        result.Metric("vus_max")!.Values.Max.ShouldBe(4);
        Stampede.Outputs.MarkdownSummaryOutput.Render(result).ShouldContain("| peak VUs | 4 |");
        new Stampede.Outputs.ConsoleSummary().Render(result).ShouldContain("max=4");
    }

    [Fact]
    public async Task RunAsync_SharedIterations_RunsExactlyTheSharedCount()
    {
        var perVu = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var plan = TestPlan.Create("shared")
            .Scenario("work", s => s.SharedIterations(vus: 5, iterations: 103).Iteration(async vu =>
            {
                perVu.AddOrUpdate(vu.Id, 1, (_, n) => n + 1);
                await Task.Yield();
            }))
            .Build();

        var result = await new Engine().RunAsync(plan);

        perVu.Values.Sum().ShouldBe(103);
        result.Metric("iterations")!.Values.Count.ShouldBe(103);
    }

    [Fact]
    public async Task RunAsync_Checks_AreCountedPerName()
    {
        var plan = TestPlan.Create("checks")
            .Scenario("work", s => s.PerVuIterations(2, 10).Iteration(vu =>
            {
                vu.Check(vu.Iteration, "always", _ => true);
                vu.Check(vu.Iteration, "even", i => i % 2 == 0);
                return Task.CompletedTask;
            }))
            .Threshold("checks", "rate>0.5")
            .Build();

        var result = await new Engine().RunAsync(plan);

        result.Checks.Single(c => c.Name == "always").Passes.ShouldBe(20);
        var even = result.Checks.Single(c => c.Name == "even");
        (even.Passes, even.Fails).ShouldBe((10L, 10L));
        result.Thresholds.Single().Outcome.ShouldBe("passed");
        result.Thresholds.Single().Observed.ShouldBe(0.75);
    }

    [Fact]
    public async Task RunAsync_IterationThrows_IsCountedAsFailedAndReported()
    {
        var plan = TestPlan.Create("throws")
            .Scenario("work", s => s.PerVuIterations(1, 3).Iteration(_ => throw new InvalidOperationException("boom")))
            .Build();

        var result = await new Engine().RunAsync(plan);

        result.Scenarios.Single().FailedIterations.ShouldBe(3);
        result.Errors.Single().Message.ShouldContain("boom");
        result.Errors.Single().Count.ShouldBe(3);
    }

    [Fact]
    public async Task RunAsync_InvalidPlan_ThrowsPlanExceptionWithEveryProblem()
    {
        var plan = new TestPlan
        {
            Name = "bad",
            Scenarios =
            [
                new ScenarioPlan { Name = "a", Executor = new Stampede.Plans.Executors.ConstantVusOptions { Vus = 0 }, Iteration = _ => Task.CompletedTask },
            ],
            Thresholds = [new ThresholdPlan("http_req_duraton", "p(95)<500")],
        };

        var error = await Should.ThrowAsync<PlanException>(() => new Engine().RunAsync(plan));

        error.Errors.Select(e => e.Path).ShouldBe(["scenarios.a.vus", "scenarios.a.duration", "thresholds.http_req_duraton"], ignoreOrder: true);
        error.Errors.Single(e => e.Path.StartsWith("thresholds")).Message.ShouldContain("did you mean 'http_req_duration'");
    }

    [Fact]
    public async Task RunAsync_SameSeed_VusMakeTheSameRandomChoices()
    {
        static async Task<List<int>> DrawAsync(int seed)
        {
            var draws = new System.Collections.Concurrent.ConcurrentQueue<(int Vu, long Iteration, int Value)>();
            var plan = TestPlan.Create("seeded").Seed(seed)
                .Scenario("s", s => s.PerVuIterations(3, 4).Iteration(vu =>
                {
                    draws.Enqueue((vu.Id, vu.Iteration, vu.Random.Next(1_000_000)));
                    return Task.CompletedTask;
                }))
                .Build();
            await new Engine().RunAsync(plan);
            return [.. draws.OrderBy(d => d.Vu).ThenBy(d => d.Iteration).Select(d => d.Value)];
        }

        var first = await DrawAsync(7);
        var again = await DrawAsync(7);
        var other = await DrawAsync(8);

        again.ShouldBe(first);
        other.ShouldNotBe(first);
    }

    [Fact]
    public async Task RunAsync_OnAnInjectedClock_TicksOncePerSecondOfThatClock()
    {
        var plan = TestPlan.Create("ticks")
            .Scenario("s", s => s.ConstantVus(3, "1h").Iteration(vu => vu.SleepAsync(TimeSpan.FromSeconds(1)).AsTask()))
            .Build();
        var control = new RunControl();

        var run = FakeClockRun.Start(plan, new EngineOptions { Control = control });
        await run.AdvanceSecondsAsync(5);
        var seconds = run.Seconds;
        control.RequestHardStop("done");
        await run.EndedAsync();

        seconds.Select(s => s.Second).ShouldBe([1, 2, 3, 4, 5]);
        seconds.Select(s => s.Elapsed).ShouldBe([.. Enumerable.Range(1, 5).Select(i => TimeSpan.FromSeconds(i))]);
        seconds.ShouldAllBe(s => s.Vus == 3);
        seconds.Select(s => s.RequestsLastSecond).ShouldAllBe(r => r == 0);
    }

    [Fact]
    public async Task RunAsync_ScenarioStartTime_DelaysItsFirstIterationOnTheRunClock()
    {
        var time = new FakeClock();
        var start = time.GetUtcNow();
        var firstIteration = new System.Collections.Concurrent.ConcurrentDictionary<string, TimeSpan>();
        var plan = TestPlan.Create("start-time")
            .Scenario("early", s => s.PerVuIterations(1, 1).Iteration(vu => { firstIteration.TryAdd(vu.Scenario, time.GetUtcNow() - start); return Task.CompletedTask; }))
            .Scenario("late", s => s.PerVuIterations(1, 1).StartTime("10m").Iteration(vu => { firstIteration.TryAdd(vu.Scenario, time.GetUtcNow() - start); return Task.CompletedTask; }))
            .Build();

        var run = FakeClockRun.Start(plan, time: time);
        await FakeClockRun.UntilAsync(() => firstIteration.ContainsKey("early"), "the early scenario's iteration");
        run.AdvanceTo(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        var lateBeforeItsTime = firstIteration.ContainsKey("late");
        run.AdvanceTo(TimeSpan.FromMinutes(10));
        await run.EndedAsync();

        lateBeforeItsTime.ShouldBeFalse();
        firstIteration["early"].ShouldBe(TimeSpan.Zero);
        firstIteration["late"].ShouldBe(TimeSpan.FromMinutes(10));
    }
}
