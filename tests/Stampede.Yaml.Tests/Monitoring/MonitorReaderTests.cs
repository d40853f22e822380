using Stampede.Monitoring;
using Stampede.Plans.Monitoring;

namespace Stampede.Yaml.Tests.Monitoring;

public sealed class MonitorReaderTests
{
    private const string Plan = """
        name: watched
        baseUrl: http://127.0.0.1:5000
        monitor:
          prometheus: { url: http://127.0.0.1:5000/metrics, every: 2s, timeout: 500ms, select: [backend_loop_hz, "demo:ratio"] }
        target:
          command: stampede target --port 5000
          ready: http://127.0.0.1:5000/api/health
          readyTimeout: 20s
        chaos:
          proxy: { listen: 0 }
          resilience: { errorRateMargin: 2%, stableSeconds: 5 }
          faults:
            restart: { at: 30s, command: "systemctl restart api", timeout: 10s }
            knob: { every: 1m, from: 30s, http: { url: "http://127.0.0.1:5000/admin", method: put, body: "{}" } }
            slow: { at: 10s, for: 5s, proxy: { latency: 200ms, jitter: 50ms, bandwidth: 10000, reset: true } }
        limits:
          errorRate: { max: 10%, for: 30s }
          maxDuration: 10m
        scenarios:
          s: { executor: constant-vus, vus: 1, duration: 1s, flow: [ { get: / } ] }
        thresholds:
          backend_loop_hz: ["avg>95", "min>80"]
          demo_ratio: ["max<1"]
          target_rss_bytes: ["max<500000000"]
          recovery_time: ["max<30000"]
        """;

    [Fact]
    public void LoadText_EveryKey_BuildsThePlanParts()
    {
        var result = YamlPlanLoader.LoadText(Plan, "w.yaml", ".");

        result.Errors.ShouldBeEmpty();
        var plan = result.Plan!;
        var prometheus = plan.Monitor!.Prometheus!;
        (prometheus.Url.ToString(), prometheus.Every, prometheus.Timeout).ShouldBe(("http://127.0.0.1:5000/metrics", TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(500)));
        prometheus.Select.ShouldBe(["backend_loop_hz", "demo:ratio"]);
        plan.Target!.Command.ShouldBe("stampede target --port 5000");
        plan.Target.ReadyTimeout.ShouldBe(TimeSpan.FromSeconds(20));
        plan.Chaos!.Resilience.ErrorRateMargin.ShouldBe(0.02);
        plan.Chaos.Resilience.StableSeconds.ShouldBe(5);
        plan.Chaos.Proxy.ShouldNotBeNull();
        var faults = plan.Chaos.Faults.ToDictionary(f => f.Name);
        faults["restart"].Action.ShouldBe(new CommandFault("systemctl restart api") { Timeout = TimeSpan.FromSeconds(10) });
        faults["knob"].Every.ShouldBe(TimeSpan.FromMinutes(1));
        faults["knob"].At.ShouldBe(TimeSpan.FromSeconds(30));
        faults["knob"].Action.ShouldBeOfType<HttpFault>().Method.ShouldBe("PUT");
        faults["slow"].Action.ShouldBe(new ProxyFault(new ProxyConditions
        {
            Latency = TimeSpan.FromMilliseconds(200), Jitter = TimeSpan.FromMilliseconds(50), BandwidthBytesPerSecond = 10000, Reset = true,
        }));
        plan.Limits.ShouldBe(new RunLimits { ErrorRate = new ErrorRateLimit(0.1, TimeSpan.FromSeconds(30)), MaxDuration = TimeSpan.FromMinutes(10) });
        plan.Metrics.Single(m => m.Name == "backend_loop_hz").Kind.ShouldBe(Stampede.Metrics.MetricKind.Trend);
    }

    [Fact]
    public void LoadText_Mistakes_AreReportedWithLocations()
    {
        const string text = """
            name: bad
            monitor:
              prometheus: { every: 1s }
            chaos:
              faults:
                twice: { at: 1s, command: x, http: http://127.0.0.1/ }
                nothing: { at: 1s }
                slow: { proxy: { latency: 1s } }
            limits:
              errorRate: { max: 150%, for: 30s }
              maxDurtion: 1m
            scenarios:
              s: { executor: constant-vus, vus: 1, duration: 1s, flow: [ { get: http://127.0.0.1/ } ] }
            """;

        var errors = YamlPlanLoader.LoadText(text, "b.yaml", ".").Errors;

        errors.Select(e => (e.Path, e.Location!.Line)).ShouldBe(
        [
            ("monitor.prometheus", 3),
            ("chaos.twice.http", 6),
            ("chaos.nothing", 7),
            ("limits.errorRate.max", 10),
            ("limits.maxDurtion", 11),
        ]);
        errors[0].Message.ShouldStartWith("missing url:");
        errors[4].Message.ShouldContain("did you mean 'maxDuration'?");
    }

    [Fact]
    public void LoadText_ProxyFaultWithoutProxy_FailsValidationAtTheFault()
    {
        const string text = """
            name: noproxy
            baseUrl: http://127.0.0.1:5000
            chaos:
              faults:
                slow: { at: 1s, for: 1s, proxy: { latency: 1s } }
            scenarios:
              s: { executor: constant-vus, vus: 1, duration: 1s, flow: [ { get: / } ] }
            """;

        var error = YamlPlanLoader.LoadText(text, "p.yaml", ".").Errors.ShouldHaveSingleItem();

        error.Path.ShouldBe("chaos.slow");
        error.Message.ShouldContain("needs chaos.proxy");
    }
}
