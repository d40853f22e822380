using Shouldly;
using Stampede.Plans;
using Stampede.Plans.Monitoring;
using Xunit;

namespace Stampede.Tests.Plans.Monitoring;

public sealed class MonitoringValidationTests
{
    [Fact]
    public void Validate_EveryMistake_IsReportedAtOnce()
    {
        var plan = TestPlan.Create("bad")
            .Scenario("s", s => s.ConstantVus(1, "1s").Iteration(_ => Task.CompletedTask))
            .Monitor(new PrometheusScrapeOptions { Url = new Uri("ftp://x/metrics"), Every = TimeSpan.Zero })
            .Target(new TargetPlan { Command = "x", Pid = 3 })
            .Fault(new FaultPlan { Name = "slow", Action = new ProxyFault(new ProxyConditions { Latency = TimeSpan.FromSeconds(1) }) })
            .Limits(new RunLimits { ErrorRate = new ErrorRateLimit(1.5, TimeSpan.Zero) })
            .Build(out var errors);

        plan.Name.ShouldBe("bad");
        errors.Select(e => e.Path).ShouldBe(
        [
            "monitor.prometheus.url", "monitor.prometheus.every", "target",
            "chaos.slow", "chaos.slow.for", "limits.errorRate.max", "limits.errorRate.for",
        ]);
    }

    [Fact]
    public void Build_ThresholdOnSelectedScrapedMetric_IsKnown()
    {
        TestPlan.Create("ok")
            .Scenario("s", s => s.ConstantVus(1, "1s").Iteration(_ => Task.CompletedTask))
            .Monitor(new PrometheusScrapeOptions { Url = new Uri("http://127.0.0.1:1/metrics"), Select = ["backend_loop_hz"] })
            .Threshold("backend_loop_hz", "avg>95", "p(5)>80")
            .Threshold("recovery_time", "max<30000")
            .Build(out var errors);

        errors.ShouldBeEmpty();
    }
}
