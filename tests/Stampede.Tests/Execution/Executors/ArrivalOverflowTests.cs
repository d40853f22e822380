using Shouldly;
using Stampede.DemoTarget;
using Stampede.Execution;
using Stampede.Plans;
using Stampede.Plans.Executors;
using Stampede.Tests.TestServers;
using Xunit;

namespace Stampede.Tests.Execution.Executors;

/// <summary>
/// What an open-model scenario does with arrivals that find every VU busy, against real servers: queued arrivals
/// start late and their latency says so; dropped ones are counted; nothing is lost without a count.
/// </summary>
public sealed class ArrivalOverflowTests : IAsyncLifetime
{
    private CountingServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await CountingServer.StartAsync();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private TestPlanBuilder Plan(string name) => TestPlan.Create(name).BaseUrl(_server.BaseAddress.ToString());

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Queue_SlowTargetAndTooFewVus_StartsEveryArrivalAndCountsTheWait(bool loop)
    {
        // 50 arrivals in 1 s into a target taking 100 ms, served by 2 VUs: ~20 can be served in the second, the
        // rest wait their turn; all 50 run, the last about 1.5 s after it arrived.
        var plan = Plan("queueing").Scenario("s", s => s.ConstantArrivalRate(rate: 50, duration: "1s", preAllocatedVus: 2, maxVus: 2).GracefulStop("10s")
            .Iteration(async vu => await vu.Http.GetAsync("sleep/100"))).Build();

        var result = await new Engine(ExecutorTests.OnSocketLoop(loop)).RunAsync(plan);

        var scenario = result.Scenarios.Single();
        scenario.DroppedIterations.ShouldBe(0);
        scenario.Iterations.ShouldBe(50);
        _server.Requests.ShouldBe(50);
        _server.MaxInFlight.ShouldBeLessThanOrEqualTo(2);
        result.Metric("queued_iterations")!.Values.Count!.Value.ShouldBeGreaterThanOrEqualTo(40);
        // The last arrivals waited for the ~25 iterations ahead of them on two VUs: well over a second.
        result.Metric("iteration_lateness")!.Values.Max!.Value.ShouldBeGreaterThan(1000);
        result.Metric("iteration_response_time")!.Values.Max!.Value.ShouldBeGreaterThan(1100);
        // The iteration itself still takes what the server takes: the wait is in the response time, not the duration.
        result.Metric("iteration_duration")!.Values.P99!.Value.ShouldBeLessThan(1000);
    }

    [Fact]
    public async Task Queue_BacklogFull_DropsWhatDoesNotFit()
    {
        // One VU held for 1.5 s by its first request; 20 more arrivals in that time and room for 5 of them.
        var plan = Plan("full").Scenario("s", s => s.ConstantArrivalRate(rate: 21, duration: "1s", preAllocatedVus: 1, maxVus: 1)
            .Overflow(ArrivalOverflow.Queue, maxQueued: 5).GracefulStop("10s")
            .Iteration(async vu =>
            {
                await vu.Http.GetAsync(vu.IterationInScenario == 0 ? "sleep/1500" : "hit");
            })).Build();

        var result = await new Engine().RunAsync(plan);

        var scenario = result.Scenarios.Single();
        scenario.DroppedIterations.ShouldBe(15);
        scenario.Iterations.ShouldBe(6);
        result.Metric("queued_iterations")!.Values.Count.ShouldBe(5);
    }

    [Fact]
    public async Task Queue_ArrivalWaitedPastMaxQueueWait_IsDroppedNotStarted()
    {
        // The one VU is busy for the first second; of the arrivals queued meanwhile (one every 100 ms), those that
        // have waited over 500 ms when it frees are dropped, the rest start, and so does everything after.
        var plan = Plan("stale").Scenario("s", s => s.ConstantArrivalRate(rate: 10, duration: "2s", preAllocatedVus: 1, maxVus: 1)
            .Overflow(ArrivalOverflow.Queue, maxQueueWait: "500ms").GracefulStop("10s")
            .Iteration(async vu =>
            {
                await vu.Http.GetAsync(vu.IterationInScenario == 0 ? "sleep/1000" : "hit");
            })).Build();

        var result = await new Engine().RunAsync(plan);

        var scenario = result.Scenarios.Single();
        (scenario.Iterations + scenario.DroppedIterations).ShouldBe(20);
        // Arrivals at 100-400 ms have waited over 500 ms at 1 s; a slow machine frees the VU later and drops more.
        scenario.DroppedIterations.ShouldBeInRange(4, 10);
        result.Metric("queued_iterations")!.Values.Count!.Value.ShouldBeGreaterThanOrEqualTo(9);
        // What did start had waited at most the maximum, plus the time to start it.
        result.Metric("iteration_lateness")!.Values.Max!.Value.ShouldBeLessThan(800);
    }

    [Fact]
    public async Task Queue_GracefulStopEndsWithArrivalsWaiting_DropsThemAndTheRunEnds()
    {
        // Both VUs stuck for 10 s; the scenario's graceful stop ends long before, with the backlog still full.
        var plan = Plan("stuck").Scenario("s", s => s.ConstantArrivalRate(rate: 20, duration: "500ms", preAllocatedVus: 2, maxVus: 2).GracefulStop("300ms")
            .Iteration(async vu => await vu.Http.GetAsync("sleep/10000"))).Build();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = await new Engine().RunAsync(plan);

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        var scenario = result.Scenarios.Single();
        scenario.InterruptedIterations.ShouldBe(2);
        scenario.Iterations.ShouldBe(0);
        scenario.DroppedIterations.ShouldBe(8);
        result.Metric("queued_iterations")!.Values.Count.ShouldBe(8);
    }

    [Fact]
    public void Overflow_OnAClosedModelExecutor_IsAPlanError()
    {
        var errors = Should.Throw<PlanException>(() => Plan("closed").Scenario("s", s => s.ConstantVus(1, "1s").Overflow(ArrivalOverflow.Drop)
            .Iteration(_ => Task.CompletedTask)).Build()).Errors;

        errors.ShouldContain(e => e.Path == "scenarios.s.overflow");
    }
}

/// <summary>
/// A target that freezes periodically (the demo target's stall knob: nothing answered for 300 ms at the end of every
/// second), loaded at 100 arrivals/s by 5 VUs: the freeze must show in the open model's latency when arrivals queue,
/// and must be counted when they are dropped.
/// </summary>
public sealed class ArrivalOverflowStallTests : IAsyncLifetime
{
    private const int StallMs = 300;
    private DemoTargetServer _target = null!;

    public async ValueTask InitializeAsync() => _target = await DemoTargetServer.StartAsync(new DemoTargetOptions { Port = 0 });

    public async ValueTask DisposeAsync() => await _target.DisposeAsync();

    private TestPlan Stalling(ArrivalOverflow overflow) => TestPlan.Create("stalls").BaseUrl(_target.BaseAddress.ToString())
        .Scenario("s", s => s.ConstantArrivalRate(rate: 100, duration: "3s", preAllocatedVus: 5, maxVus: 5).Overflow(overflow).GracefulStop("5s")
            .Iteration(async vu => await vu.Http.GetAsync($"api/health?fault-stall-for={StallMs}&fault-stall-every=1000")))
        .Build();

    [Fact]
    public async Task Queue_PeriodicStalls_ShowInTheResponseTimeAndNothingIsDropped()
    {
        var result = await new Engine(ExecutorTests.OnSocketLoop(true)).RunAsync(Stalling(ArrivalOverflow.Queue));

        result.Scenarios.Single().DroppedIterations.ShouldBe(0);
        result.Scenarios.Single().Iterations.ShouldBe(300);
        // About a third of the arrivals land in a stall; the worst of them wait nearly all of it.
        result.Metric("iteration_response_time")!.Values.P99!.Value.ShouldBeGreaterThanOrEqualTo(0.8 * StallMs);
        result.Metric("http_req_failed")!.Values.Rate.ShouldBe(0d);
    }

    [Fact]
    public async Task Drop_PeriodicStalls_CountsTheArrivalsTheStallsHeldBack()
    {
        var result = await new Engine(ExecutorTests.OnSocketLoop(true)).RunAsync(Stalling(ArrivalOverflow.Drop));

        var scenario = result.Scenarios.Single();
        // Each stall holds 5 VUs for up to 300 ms while ~30 arrivals come: most of those find no VU.
        scenario.DroppedIterations.ShouldBeGreaterThanOrEqualTo(30);
        (scenario.Iterations + scenario.DroppedIterations).ShouldBe(300);
        result.Metric("dropped_iterations")!.Values.Count.ShouldBe(scenario.DroppedIterations);
    }
}
