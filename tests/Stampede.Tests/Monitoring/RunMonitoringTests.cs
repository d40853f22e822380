using Shouldly;
using Stampede.DemoTarget;
using Stampede.Execution;
using Stampede.Plans;
using Stampede.Plans.Monitoring;
using Stampede.Tests.TestServers;
using Xunit;

namespace Stampede.Tests.Monitoring;

/// <summary>Short whole runs against the demo target: scraping with thresholds, limits, a managed target, chaos and verdicts.</summary>
public sealed class RunMonitoringTests
{
    [Fact]
    public async Task RunAsync_ScrapedGaugeWithThreshold_IsJudgedAndInTheResult()
    {
        await using var target = await DemoTargetServer.StartAsync(new DemoTargetOptions { Port = 0 }, TestContext.Current.CancellationToken);
        var plan = Health(target.BaseAddress, "3s")
            .Monitor(new PrometheusScrapeOptions { Url = new Uri(target.BaseAddress, "/metrics"), Select = ["backend_loop_hz", "demo_http_requests_total"] })
            .Threshold("backend_loop_hz", "avg>20", "min>1")
            .Build();

        var result = await new Engine().RunAsync(plan);

        result.Thresholds.Select(t => t.Outcome).ShouldBe(["passed", "passed"]);
        result.Thresholds[0].Observed.ShouldNotBeNull().ShouldBeInRange(20, 150);
        result.Metric("backend_loop_hz")!.Values.Count.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(2);
        result.Metric("demo_http_requests_total")!.Series.ShouldContain(s => s.Tags["route"] == "/api/health");
        result.Metric("monitor_scrape_errors").ShouldBeNull();   // no scrape failed, so nothing was counted
    }

    [Fact]
    public async Task RunAsync_FailingTargetWithErrorRateLimit_StopsEarlyWithTheReason()
    {
        await using var target = await DemoTargetServer.StartAsync(new DemoTargetOptions { Port = 0, ErrorRate = 1.0 }, TestContext.Current.CancellationToken);
        var plan = Health(target.BaseAddress, "20s")
            .Limits(new RunLimits { ErrorRate = new ErrorRateLimit(0.1, TimeSpan.FromSeconds(1)) })
            .Build();

        var result = await new Engine().RunAsync(plan);

        result.Meta.StopReason.ShouldNotBeNull().ShouldStartWith("limit errorRate reached: more than 10% of requests failed for 1s");
        result.Meta.DurationSeconds.ShouldBeLessThan(8);
    }

    [Fact]
    public async Task RunAsync_TargetCommandAndMaxDuration_SamplesTheProcessAndStopsIt()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "/proc sampling is Linux only");
        var marker = Path.Combine(Path.GetTempPath(), $"stampede-target-{Guid.NewGuid():N}");
        var plan = TestPlan.Create("managed")
            .Scenario("idle", s => s.ConstantVus(1, "20s").Iteration(vu => vu.SleepAsync(0.1).AsTask()))
            .Target(new TargetPlan { Command = $"trap 'touch {marker}; exit 0' TERM; sleep 30 & wait" })
            .Limits(new RunLimits { MaxDuration = TimeSpan.FromSeconds(2) })
            .Threshold("target_rss_bytes", "max<10000000000")
            .Build();

        var result = await new Engine().RunAsync(plan);

        result.Meta.StopReason.ShouldBe("limit maxDuration reached: the run lasted 2s");
        result.Metric("target_rss_bytes")!.Values.Min.ShouldNotBeNull().ShouldBeGreaterThan(100_000);
        result.Metric("target_threads")!.Values.Count.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(1);
        result.Thresholds.Single().Outcome.ShouldBe("passed");
        File.Exists(marker).ShouldBeTrue();   // stopped with SIGTERM, not killed
        File.Delete(marker);
    }

    [Fact]
    public async Task RunAsync_TargetNeverReady_StopsBeforeTheScenariosWithAClearReason()
    {
        var ran = 0;
        var plan = TestPlan.Create("unready")
            .Scenario("work", s => s.ConstantVus(1, "5s").Iteration(_ => Task.FromResult(Interlocked.Increment(ref ran))))
            .Target(new TargetPlan { Command = "sleep 30", Ready = new Uri($"http://127.0.0.1:{ClosedPort.Next()}/health"), ReadyTimeout = TimeSpan.FromMilliseconds(300) })
            .Build();

        var result = await new Engine().RunAsync(plan);

        ran.ShouldBe(0);
        result.Meta.StopReason.ShouldNotBeNull().ShouldStartWith("target not ready:");
        result.Errors.ShouldContain(e => e.Scenario == "target");
    }

    [Fact]
    public async Task RunAsync_TargetStoppedAndRestartedMidRun_VerdictDetectsAndRecovers()
    {
        var ct = TestContext.Current.CancellationToken;
        var port = ClosedPort.Next();
        var options = new DemoTargetOptions { Port = port };
        var target = await DemoTargetServer.StartAsync(options, ct);
        try
        {
            var plan = Health(target.BaseAddress, "8s")
                .Fault(new FaultPlan
                {
                    Name = "restart",
                    At = TimeSpan.FromSeconds(3),
                    Action = new DelegateFault("stop the target, start it 2s later", async stop =>
                    {
                        await target.StopAsync(stop);
                        await target.DisposeAsync();
                        await Task.Delay(2000, stop);
                        target = await DemoTargetServer.StartAsync(options, stop);
                    }),
                })
                .Threshold("recovery_time", "max<7000")
                .Threshold("requests_lost", "count>0")
                .Build();

            var result = await new Engine().RunAsync(plan);

            var fault = result.Annotations.ShouldHaveSingleItem();
            fault.Kind.ShouldBe("code");
            fault.At.ShouldBeInRange(2.9, 3.6);
            (fault.End - fault.At).ShouldNotBeNull().ShouldBeInRange(1.9, 3.5);
            fault.DetectionSeconds.ShouldNotBeNull().ShouldBeLessThanOrEqualTo(2);
            fault.Recovered.ShouldBe(true);
            fault.RecoverySeconds.ShouldNotBeNull().ShouldBeInRange(1.5, 5);
            fault.RequestsLost.ShouldNotBeNull().ShouldBeGreaterThan(0);
            result.Thresholds.Select(t => t.Outcome).ShouldBe(["passed", "passed"]);
            result.Metric("recovery_time")!.Series.Single().Tags["fault"].ShouldBe("restart");
            var summary = new Stampede.Outputs.ConsoleSummary().Render(result);
            summary.ShouldContain("FAULTS");
            var line = summary.Split('\n').Single(l => l.Contains("'restart'", StringComparison.Ordinal));
            line.ShouldContain("detected after");
            line.ShouldContain("recovered after");
            line.ShouldContain("requests lost");
        }
        finally
        {
            await target.DisposeAsync();
        }
    }

    [Fact]
    public async Task RunAsync_ProxyLatencyFault_SlowsRequestsInItsWindowOnly()
    {
        await using var target = await DemoTargetServer.StartAsync(new DemoTargetOptions { Port = 0 }, TestContext.Current.CancellationToken);
        var plan = Health(target.BaseAddress, "3s")
            .FaultProxy()
            .Fault(new FaultPlan
            {
                Name = "slow",
                At = TimeSpan.FromSeconds(1),
                For = TimeSpan.FromSeconds(1),
                Action = new ProxyFault(new ProxyConditions { Latency = TimeSpan.FromMilliseconds(300) }),
            })
            .Build();

        var result = await new Engine().RunAsync(plan);

        var duration = result.Metric("http_req_duration")!.Values;
        // The proxy's timer counts on the coarse tick clock and may end a tick (up to 10 ms) early.
        duration.Max.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(280);
        duration.Med.ShouldNotBeNull().ShouldBeLessThan(290);
        var fault = result.Annotations.ShouldHaveSingleItem();
        fault.Description.ShouldBe("slow: proxy: latency 300ms");
        (fault.End - fault.At).ShouldNotBeNull().ShouldBeInRange(0.9, 1.5);
        fault.DetectionSeconds.ShouldNotBeNull();   // p95 of 300ms is far above the loopback baseline
    }

    private static TestPlanBuilder Health(Uri baseAddress, string duration) =>
        TestPlan.Create("health")
            .BaseUrl(baseAddress.ToString())
            .Http(h => h with { Timeout = TimeSpan.FromSeconds(2) })
            .Scenario("health", s => s.ConstantVus(2, duration).Iteration(async vu =>
            {
                await vu.Http.GetAsync("/api/health");
                await vu.SleepAsync(0.02);
            }));
}
