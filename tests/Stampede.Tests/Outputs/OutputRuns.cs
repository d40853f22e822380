using Stampede.Execution;
using Stampede.Metrics;
using Stampede.Outputs;
using Stampede.Plans;
using Stampede.Tests.TestServers;

namespace Stampede.Tests.Outputs;

/// <summary>Short real runs for output tests: HTTP requests to a counting server, a share of them 500s, checks and thresholds.</summary>
internal static class OutputRuns
{
    public static async Task<RunResult> HttpAsync(IReadOnlyList<IOutput>? outputs = null, string duration = "1500ms")
    {
        await using var server = await CountingServer.StartAsync();
        var plan = TestPlan.Create("outputs test")
            .Scenario("web", s => s.ConstantVus(2, duration).Iteration(async vu =>
            {
                var ok = await vu.Http.GetAsync(server.BaseAddress + "hit");
                vu.Check("hit is 200", ok.Status == 200);
                var failed = await vu.Http.GetAsync(server.BaseAddress + "status/500");
                vu.Check("status is 200", failed.Status == 200);
                await vu.SleepAsync(0.01);
            }))
            .Threshold("http_req_duration", "p(95)<10000")
            .Threshold("http_req_failed", "rate<0.1")
            .Build();
        return await new Engine(new EngineOptions { Outputs = outputs ?? [] }).RunAsync(plan);
    }

    /// <summary>A hand-made result: one passed, one failed and one no-data threshold; one clean and one failing check.</summary>
    public static RunResult Synthetic() => new()
    {
        Meta = new RunMetadata { Plan = "checkout", StartedAt = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero), DurationSeconds = 12.5, Seconds = 13, Host = "ci" },
        Metrics =
        [
            new MetricResult { Name = "http_req_duration", Kind = MetricKind.Trend, Unit = MetricUnit.Time, Values = new ResultValues { Count = 10, Avg = 12, Min = 1, Med = 10, Max = 99, P90 = 40, P95 = 612.5, P99 = 90, Sum = 120 } },
            new MetricResult { Name = "http_req_failed", Kind = MetricKind.Rate, Values = new ResultValues { Count = 10, Rate = 0.2, Passes = 2, Fails = 8 } },
        ],
        Thresholds =
        [
            new ThresholdResult { Metric = "http_req_duration", Expression = "p(95)<500", Outcome = ThresholdOutcomeNames.Failed, Observed = 612.5 },
            new ThresholdResult { Metric = "http_req_failed", Expression = "rate<0.5", Outcome = ThresholdOutcomeNames.Passed, Observed = 0.2 },
            new ThresholdResult { Metric = "ws_msgs{room:x}", Expression = "count>1", Outcome = ThresholdOutcomeNames.NoData },
        ],
        Checks = [new CheckResult("status is 200", "", 8, 2), new CheckResult("has body", "::cart", 10, 0)],
    };

    /// <summary>
    /// <see cref="Synthetic"/> with an open-model scenario that dropped 120 of its 400 arrivals (270 iterations ran and
    /// 10 were interrupted) beside a closed-model one, whose iterations do not count.
    /// </summary>
    public static RunResult WithDrops() => Synthetic() with
    {
        Scenarios =
        [
            new ScenarioResult { Name = "checkout", Executor = "constant-arrival-rate", Iterations = 270, InterruptedIterations = 10, DroppedIterations = 120, Vus = 5 },
            new ScenarioResult { Name = "browse", Executor = "constant-vus", Iterations = 50, Vus = 2 },
        ],
    };

    /// <summary><see cref="WithDrops"/> without the drops: the open-model scenario started every arrival.</summary>
    public static RunResult WithoutDrops() => Synthetic() with
    {
        Scenarios =
        [
            new ScenarioResult { Name = "checkout", Executor = "constant-arrival-rate", Iterations = 400, Vus = 5 },
            new ScenarioResult { Name = "browse", Executor = "constant-vus", Iterations = 50, Vus = 2 },
        ],
    };

    /// <summary>
    /// A short real run in which one endpoint's 6 requests all fail without a response (a port nothing listens on)
    /// and another's 6 succeed: the failed ones are counted in http_reqs but have no duration.
    /// </summary>
    public static async Task<RunResult> HalfUnansweredAsync()
    {
        await using var server = await CountingServer.StartAsync();
        var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var plan = TestPlan.Create("half unanswered")
            .Scenario("web", s => s.SharedIterations(1, 6).Iteration(async vu =>
            {
                await vu.Http.GetAsync(server.BaseAddress + "hit");
                await vu.Http.GetAsync($"http://127.0.0.1:{port}/gone");
            }))
            .Build();
        return await new Engine().RunAsync(plan);
    }
}
