using Stampede.Execution;
using Stampede.Plans.Monitoring;
using Stampede.Yaml.Tests.Streaming;

namespace Stampede.Yaml.Tests.Monitoring;

public sealed class JsonMonitorTests(DemoTargetFixture target) : IClassFixture<DemoTargetFixture>
{
    [Fact]
    public void LoadText_JsonMonitor_ResolvesAPathAgainstBaseUrlAndDeclaresTheValues()
    {
        var result = YamlPlanLoader.LoadText("""
            name: t
            baseUrl: http://127.0.0.1:5000
            monitor:
              json: { url: /api/health/details, every: 500ms, timeout: 1s, select: { backend_loop_hz: $.loop.hz, in_flight: inFlight } }
            scenarios:
              a:
                flow: [ { get: /api/health } ]
            thresholds:
              backend_loop_hz: [ "avg>10" ]
            """, "t.yaml", ".");

        result.Errors.ShouldBeEmpty();
        var json = result.Plan!.Monitor!.Json.ShouldNotBeNull();
        json.Url.ShouldBe(new Uri("http://127.0.0.1:5000/api/health/details"));
        json.Every.ShouldBe(TimeSpan.FromMilliseconds(500));
        json.Select.ShouldBe(new Dictionary<string, string> { ["backend_loop_hz"] = "$.loop.hz", ["in_flight"] = "inFlight" });
        result.Plan.Metrics.Select(m => m.Name).ShouldContain("in_flight");
    }

    [Fact]
    public void LoadText_JsonMonitorMistakes_AreReportedWithLocations()
    {
        var result = YamlPlanLoader.LoadText("""
            name: t
            monitor:
              json:
                url: /api/health/details
                select: { "9lives": $.a, bad_path: "$.a[" }
            scenarios:
              a:
                flow: [ { get: http://127.0.0.1:1/ } ]
            """, "t.yaml", ".");

        result.Errors.Select(e => $"{e.Location!.Line}:{e.Location.Column} {e.Message}").ShouldSatisfyAllConditions(
            e => e.ShouldContain(m => m.StartsWith("4:10 '/api/health/details' is a path", StringComparison.Ordinal)),
            e => e.ShouldContain(m => m.StartsWith("5:15 '9lives' is not a metric name", StringComparison.Ordinal)),
            e => e.ShouldContain(m => m.StartsWith("5:40 JSON path '$.a['", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RunAsync_JsonMonitor_RecordsTheValueAndJudgesItsThreshold()
    {
        var result = YamlPlanLoader.LoadText($$"""
            name: t
            baseUrl: {{target.Server.BaseAddress.ToString().TrimEnd('/')}}
            monitor:
              json: { url: /api/health/details, every: 200ms, select: { loop_target: $.loop.targetHz } }
            scenarios:
              a:
                executor: constant-vus
                vus: 1
                duration: 1s
                flow:
                  - get: /api/health
                  - think: 100ms
            thresholds:
              loop_target: [ "min>0" ]
            """, "t.yaml", ".");
        result.Errors.ShouldBeEmpty();

        var run = await new Engine().RunAsync(result.Plan!);

        run.Metric("loop_target")!.Values.Count!.Value.ShouldBeGreaterThanOrEqualTo(2);
        run.Metric("loop_target")!.Values.Min.ShouldBe(100);
        run.Thresholds.ShouldHaveSingleItem().Outcome.ShouldBe(Stampede.Metrics.ThresholdOutcomeNames.Passed);
        (run.Metric("monitor_scrape_errors")?.Values.Count ?? 0).ShouldBe(0);
    }
}
