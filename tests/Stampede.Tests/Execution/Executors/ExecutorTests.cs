using Shouldly;
using Stampede.Execution;
using Stampede.Plans;
using Stampede.Plans.Executors;
using Stampede.Tests.TestServers;
using Xunit;

namespace Stampede.Tests.Execution.Executors;

/// <summary>Each executor against a real Kestrel server: what the server saw is what the executor promised.</summary>
public sealed class ExecutorTests : IAsyncLifetime
{
    private CountingServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await CountingServer.StartAsync();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private TestPlanBuilder Plan(string name) => TestPlan.Create(name).BaseUrl(_server.BaseAddress.ToString());

    [Fact]
    public async Task ConstantVus_HoldsExactlyThatManyVusInFlight()
    {
        var plan = Plan("constant").Scenario("s", s => s.ConstantVus(6, "1500ms").GracefulStop("2s")
            .Iteration(async vu => await vu.Http.GetAsync("sleep/50"))).Build();

        var result = await new Engine().RunAsync(plan);

        _server.MaxInFlight.ShouldBe(6);
        result.Scenarios.Single().Vus.ShouldBe(6);
        result.Metric("vus_max")!.Values.Max.ShouldBe(6);
        // 6 VUs × ~1.5 s / ~50 ms per request; allow for start-up and scheduling slack.
        result.Metric("http_reqs")!.Values.Count!.Value.ShouldBeInRange(100, 190);
    }

    [Fact]
    public async Task PerVuIterations_ServerSeesExactlyVusTimesIterationsRequests()
    {
        var plan = Plan("per-vu").Scenario("s", s => s.PerVuIterations(vus: 4, iterations: 25)
            .Iteration(async vu => await vu.Http.GetAsync("hit"))).Build();

        var result = await new Engine().RunAsync(plan);

        _server.Requests.ShouldBe(100);
        result.Metric("http_reqs")!.Values.Count.ShouldBe(100);
        result.Metric("iterations")!.Values.Count.ShouldBe(100);
    }

    [Fact]
    public async Task SharedIterations_ServerSeesExactlyTheSharedCount()
    {
        var plan = Plan("shared").Scenario("s", s => s.SharedIterations(vus: 8, iterations: 333)
            .Iteration(async vu => await vu.Http.GetAsync("hit"))).Build();

        await new Engine().RunAsync(plan);

        _server.Requests.ShouldBe(333);
    }

    [Fact]
    public async Task RampingVus_VuCountFollowsTheStages()
    {
        // Seconds on the scenario's own clock: a stopwatch started before the run would count the engine's start-up,
        // a quarter of a second in a cold test process, and shift every stage.
        var observed = new System.Collections.Concurrent.ConcurrentBag<(double Seconds, int Vus)>();
        var active = 0;
        var plan = Plan("ramp").Scenario("s", s => s
            .RampingVus(stages: [("1s", 4), ("1s", 4), ("1s", 0)], startVus: 0, gracefulRampDown: "1s")
            .Iteration(async vu =>
            {
                observed.Add((vu.ScenarioElapsed.TotalSeconds, Interlocked.Increment(ref active)));
                try
                {
                    await vu.Http.GetAsync("sleep/20");
                }
                finally
                {
                    Interlocked.Decrement(ref active);
                }
            })).Build();

        var result = await new Engine().RunAsync(plan);

        _server.MaxInFlight.ShouldBe(4);
        result.Scenarios.Single().Vus.ShouldBe(4);
        // During the hold (1.2–1.8 s) all four VUs are busy; near the end (2.85 s+) at most one remains.
        observed.Where(o => o.Seconds is > 1.2 and < 1.8).Max(o => o.Vus).ShouldBe(4);
        observed.Where(o => o.Seconds > 2.85).Select(o => o.Vus).DefaultIfEmpty(0).Max().ShouldBeLessThanOrEqualTo(1);
        observed.Where(o => o.Seconds < 0.2).Select(o => o.Vus).DefaultIfEmpty(0).Max().ShouldBeLessThanOrEqualTo(1);
    }

    [Fact]
    public async Task ConstantArrivalRate_StartsTheScheduledNumberOfIterations()
    {
        // As many VUs as arrivals: the first iterations of a cold test process can take a quarter of a second, and
        // this test is about the schedule, not about dropping.
        var plan = Plan("arrivals").Scenario("s", s => s.ConstantArrivalRate(rate: 200, duration: "1s", preAllocatedVus: 20, maxVus: 200)
            .Iteration(async vu => await vu.Http.GetAsync("hit"))).Build();

        var result = await new Engine().RunAsync(plan);

        _server.Requests.ShouldBe(200);
        result.Scenarios.Single().DroppedIterations.ShouldBe(0);
        var lateness = result.Metric("iteration_lateness")!.Values;
        lateness.Count.ShouldBe(200);
        // Arrival times at the server are spread over the second, not bunched: the last hundred span half of it. (The
        // first ones can bunch up behind a cold test process's start-up.)
        var arrivals = _server.Arrivals.Order().ToList();
        var spread = (arrivals[^1] - arrivals[100]) / (double)System.Diagnostics.Stopwatch.Frequency;
        spread.ShouldBeInRange(0.4, 0.65);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ConstantArrivalRate_StartArrivalsInline_DecidesWhichThreadStartsIterations(bool inline)
    {
        var startedOnScheduler = 0;
        var plan = Plan("inline").Scenario("s", s => s.ConstantArrivalRate(rate: 100, duration: "500ms", preAllocatedVus: 10, maxVus: 20)
            .Iteration(async vu =>
            {
                // The part before the first await runs on whichever thread started the iteration.
                if (Thread.CurrentThread.Name?.StartsWith("stampede-arrivals-", StringComparison.Ordinal) == true)
                {
                    Interlocked.Increment(ref startedOnScheduler);
                }

                await vu.Http.GetAsync("hit");
            })).Build();

        var result = await new Engine(new EngineOptions { StartArrivalsInline = inline }).RunAsync(plan);

        var scenario = result.Scenarios.Single();
        (scenario.Iterations + scenario.DroppedIterations).ShouldBe(50);
        startedOnScheduler.ShouldBe(inline ? (int)scenario.Iterations : 0);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SocketEventLoop_DecidesWhereIterationsContinueAndEveryRequestCounts(bool loop)
    {
        var continuedOnLoop = 0;
        var plan = Plan("loop").Scenario("s", s => s.PerVuIterations(vus: 8, iterations: 40)
            .Iteration(async vu =>
            {
                await vu.Http.GetAsync("hit");

                // A request sent from a pool thread whose answer beats the read completes on that thread (the
                // loop only remembers the data), so a VU can start off the loop; once on it, it stays there.
                if (Thread.CurrentThread.Name == "Stampede sockets")
                {
                    Interlocked.Increment(ref continuedOnLoop);
                }
            })).Build();

        var result = await new Engine(new EngineOptions { SocketEventLoop = loop }).RunAsync(plan);

        _server.Requests.ShouldBe(320);
        result.Metric("http_reqs")!.Values.Count.ShouldBe(320);
        result.Metric("http_req_failed")!.Values.Rate.ShouldBe(0d);
        if (loop)
        {
            continuedOnLoop.ShouldBeGreaterThan(160);
        }
        else
        {
            continuedOnLoop.ShouldBe(0);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ConstantArrivalRate_SlowTargetTooFewVusAndDrop_CountsDroppedIterations(bool loop)
    {
        // 50 arrivals/s into a target taking 400 ms needs ~20 VUs; with at most 5, most arrivals find none free.
        var plan = Plan("dropping").Scenario("s", s => s.ConstantArrivalRate(rate: 50, duration: "1s", preAllocatedVus: 5, maxVus: 5).Overflow(ArrivalOverflow.Drop).GracefulStop("2s")
            .Iteration(async vu => await vu.Http.GetAsync("sleep/400"))).Build();

        var result = await new Engine(OnSocketLoop(loop)).RunAsync(plan);

        var scenario = result.Scenarios.Single();
        (scenario.Iterations + scenario.DroppedIterations).ShouldBe(50);
        scenario.DroppedIterations.ShouldBeGreaterThanOrEqualTo(30);
        result.Metric("dropped_iterations")!.Values.Count.ShouldBe(scenario.DroppedIterations);
        _server.MaxInFlight.ShouldBeLessThanOrEqualTo(5);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RampingArrivalRate_StartsTheAreaUnderTheRamp(bool loop)
    {
        // 0 → 200/s over 1 s then hold 200/s for 0.5 s: 100 + 100 arrivals.
        var plan = Plan("ramping-arrivals").Scenario("s", s => s.RampingArrivalRate(stages: [("1s", 200), ("500ms", 200)], preAllocatedVus: 10, maxVus: 50)
            .Iteration(async vu => await vu.Http.GetAsync("hit"))).Build();

        var result = await new Engine(OnSocketLoop(loop)).RunAsync(plan);

        _server.Requests.ShouldBe(200);
        var arrivals = _server.Arrivals.Order().Select(a => (a - _server.Arrivals.Min()) / (double)System.Diagnostics.Stopwatch.Frequency).ToList();
        // The rate really ramped: by 0.75 s a ramp has started 0.75² × 100 ≈ 56 arrivals, where a flat rate would have started 100.
        arrivals.Count(t => t < 0.75).ShouldBeInRange(35, 80);
        result.Scenarios.Single().DroppedIterations.ShouldBe(0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ArrivalRate_PreAllocatedVus_ConnectBeforeTheScheduleStarts(bool loop)
    {
        var plan = Plan("preconnect").Scenario("s", s => s.ConstantArrivalRate(rate: 40, duration: "1s", preAllocatedVus: 10, maxVus: 10)
            .Iteration(async vu => await vu.Http.GetAsync("hit"))).Build();

        var result = await new Engine(OnSocketLoop(loop)).RunAsync(plan);

        result.Metric("http_reqs")!.Values.Count.ShouldBe(40);
        result.Metric("http_req_connecting")!.Values.Max.ShouldBe(0);
        result.Scenarios.Single().Vus.ShouldBe(10);
    }

    [Fact]
    public async Task ArrivalRate_BaseUrlRefuses_RunGoesOnAndRequestsReportTheRefusal()
    {
        var plan = TestPlan.Create("refused").BaseUrl($"http://127.0.0.1:{ClosedPort.Next()}/").Scenario("s", s => s
            .ConstantArrivalRate(rate: 20, duration: "500ms", preAllocatedVus: 3, maxVus: 3)
            .Iteration(async vu => await vu.Http.GetAsync("hit"))).Build();

        var result = await new Engine(OnSocketLoop(true)).RunAsync(plan);

        result.Metric("http_reqs")!.Values.Count.ShouldBe(10);
        result.Metric("http_req_failed")!.Values.Rate.ShouldBe(1);
        result.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task ArrivalRate_NoBaseUrl_FirstRequestOfAVuConnects()
    {
        // The same schedule without a base URL to connect to ahead: the first requests pay for their connections.
        var url = _server.BaseAddress + "hit";
        var plan = TestPlan.Create("no-preconnect").Scenario("s", s => s.ConstantArrivalRate(rate: 40, duration: "1s", preAllocatedVus: 10, maxVus: 10)
            .Iteration(async vu => await vu.Http.GetAsync(url))).Build();

        var result = await new Engine(OnSocketLoop(true)).RunAsync(plan);

        result.Metric("http_reqs")!.Values.Count.ShouldBe(40);
        result.Metric("http_req_connecting")!.Values.Max!.Value.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task ArrivalSchedule_WithSocketLoop_StartsEveryArrivalOnTheLoopThread()
    {
        var startedOnLoop = 0;
        var plan = Plan("loop-arrivals").Scenario("s", s => s.ConstantArrivalRate(rate: 300, duration: "1s", preAllocatedVus: 20, maxVus: 50)
            .Iteration(async vu =>
            {
                // Before the first await: the thread that started the iteration.
                if (Thread.CurrentThread.Name == "Stampede sockets")
                {
                    Interlocked.Increment(ref startedOnLoop);
                }

                await vu.Http.GetAsync("hit");
            })).Build();

        var result = await new Engine(OnSocketLoop(true)).RunAsync(plan);

        _server.Requests.ShouldBe(300);
        startedOnLoop.ShouldBe(300);
        result.Scenarios.Single().DroppedIterations.ShouldBe(0);
        result.Metric("iteration_lateness")!.Values.P99!.Value.ShouldBeLessThan(50);
    }

    [Fact]
    public async Task ArrivalSchedule_WithSocketLoop_StopsAtOnceWhenTheRunIsStopped()
    {
        // One arrival every 10 s for a minute: the loop sleeps on its timer and must still hear the stop.
        var control = new RunControl();
        var plan = Plan("loop-stop").Scenario("s", s => s.ConstantArrivalRate(rate: 1, timeUnit: "10s", duration: "60s", preAllocatedVus: 1)
            .Iteration(async vu => await vu.Http.GetAsync("hit"))).Build();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var run = new Engine(OnSocketLoop(true) with { Control = control }).RunAsync(plan);
        await FakeClockRun.UntilAsync(() => _server.Requests == 1, "the first arrival's request");
        control.RequestStop("test stop");
        var result = await run;

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        _server.Requests.ShouldBe(1);
        result.Meta.StopReason.ShouldBe("test stop");
    }

    internal static EngineOptions OnSocketLoop(bool loop) => new() { SocketEventLoop = loop, StartArrivalsInline = loop };

    [Fact]
    public async Task GracefulStop_HttpRequestOutlivesIt_IterationCountsAsInterruptedNotCompleted()
    {
        // The request answers the stop with a cancelled response rather than an exception; the iteration still did not finish.
        var plan = Plan("graceful-http").Scenario("s", s => s.ConstantVus(2, "300ms").GracefulStop("200ms")
            .Iteration(async vu => await vu.Http.GetAsync("sleep/5000"))).Build();

        var result = await new Engine().RunAsync(plan);

        var scenario = result.Scenarios.Single();
        scenario.InterruptedIterations.ShouldBe(2);
        scenario.Iterations.ShouldBe(0);
        result.Metric("iteration_duration").ShouldBeNull();
    }

    [Fact]
    public async Task GracefulStop_LetsRunningIterationsFinishWithinIt()
    {
        var plan = Plan("graceful-ok").Scenario("s", s => s.ConstantVus(3, "200ms").GracefulStop("3s")
            .Iteration(async vu => await vu.Http.GetAsync("sleep/500"))).Build();

        var result = await new Engine().RunAsync(plan);

        var scenario = result.Scenarios.Single();
        scenario.InterruptedIterations.ShouldBe(0);
        scenario.Iterations.ShouldBe(3);
        result.Metric("http_req_failed")!.Values.Passes.ShouldBe(0);
    }
}
