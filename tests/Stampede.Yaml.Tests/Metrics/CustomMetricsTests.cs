using Stampede.Cli;
using Stampede.Execution;
using Stampede.Metrics;
using Stampede.Yaml.Tests.Hosting;
using Stampede.Yaml.Tests.Streaming;

namespace Stampede.Yaml.Tests.Metrics;

/// <summary>A plan's <c>metrics:</c> and a request step's <c>metric:</c>, loaded and run against the demo target.</summary>
public sealed class CustomMetricsTests(DemoTargetFixture target) : IClassFixture<DemoTargetFixture>
{
    [Fact]
    public void Load_DeclaredMetrics_AreThePlansMetricsWithTheirKindsAndUnits()
    {
        var result = YamlPlanLoader.LoadText("""
            name: t
            metrics:
              created: counter
              errors: rate
              depth: gauge
              wait: { type: trend, isTime: true }
              size: { type: trend, unit: bytes }
              score: { type: trend, unit: none }
              plain: trend
            scenarios:
              a: { flow: [ { get: http://127.0.0.1:1/ } ] }
            thresholds:
              created: [ "count>0" ]
              wait: [ "p(95)<100" ]
            """, "t.yaml", ".");

        result.Errors.ShouldBeEmpty();
        var metrics = result.Plan!.Metrics.ToDictionary(m => m.Name);
        metrics["created"].Kind.ShouldBe(MetricKind.Counter);
        metrics["errors"].Kind.ShouldBe(MetricKind.Rate);
        metrics["depth"].Kind.ShouldBe(MetricKind.Gauge);
        metrics["wait"].ShouldBe(new Metric("wait", MetricKind.Trend, MetricUnit.Time));
        metrics["size"].Unit.ShouldBe(MetricUnit.Data);
        metrics["score"].Unit.ShouldBe(MetricUnit.None);
        metrics["plain"].Unit.ShouldBe(MetricUnit.None);
    }

    [Fact]
    public void Load_ThresholdAggregationThatDoesNotFitTheDeclaredKind_IsALocatedError()
    {
        var result = YamlPlanLoader.LoadText("""
            name: t
            metrics:
              created: counter
            scenarios:
              a: { flow: [ { get: http://127.0.0.1:1/ } ] }
            thresholds:
              created: [ "p(95)<100" ]
            """, "t.yaml", ".");

        var error = result.Errors.ShouldHaveSingleItem();
        error.Path.ShouldBe("thresholds.created");
        error.Location!.Line.ShouldBe(7);
    }

    [Fact]
    public async Task RunAsync_StepMetrics_RecordConstantsTemplatesConditionsAndResponseValues()
    {
        var plan = target.Load("""
            name: t
            baseUrl: BASE
            metrics:
              created: counter
              failed_steps: rate
              priority: trend
              wait: { type: trend, isTime: true }
              in_flight: gauge
              doubled: counter
            scenarios:
              a:
                executor: per-vu-iterations
                iterations: 3
                flow:
                  - post: /api/missions
                    json: { name: m, priority: 4 }
                    check: { status: 201 }
                    capture: { missionId: json.id }
                    metric: { created: 1, failed_steps: "{{ checks.failed }}", priority: json.priority, wait: duration, doubled: "{{ checks.passed }}" }
                  - get: /api/missions/{{ missionId }}
                    check: { status: 404 }
                    metric: { failed_steps: "{{ checks.ok }} == false" }
                  - get: /api/health
                    metric: { in_flight: json.inFlight }
            """);

        var result = await new Engine().RunAsync(plan);

        result.Metric("created")!.Values.Count.ShouldBe(3);
        result.Metric("doubled")!.Values.Count.ShouldBe(3);
        var failed = result.Metric("failed_steps")!.Values;
        failed.Passes.ShouldBe(3);
        failed.Fails.ShouldBe(3);
        var priority = result.Metric("priority")!;
        priority.Values.Min.ShouldBe(4);
        priority.Values.Max.ShouldBe(4);
        var wait = result.Metric("wait")!;
        wait.Unit.ShouldBe(MetricUnit.Time);
        wait.Values.Count.ShouldBe(3);
        wait.Values.Max!.Value.ShouldBeGreaterThan(0);
        result.Metric("in_flight")!.Kind.ShouldBe(MetricKind.Gauge);
        result.Metric("in_flight")!.Values.Value.ShouldNotBeNull();
    }

    [Fact]
    public async Task RunAsync_ValueThatIsNotANumber_IsNotRecorded()
    {
        var plan = target.Load("""
            name: t
            baseUrl: BASE
            metrics:
              status_text: trend
            scenarios:
              a:
                executor: per-vu-iterations
                flow:
                  - get: /api/health
                    metric: { status_text: json.status }
            """);

        var result = await new Engine().RunAsync(plan);

        (result.Metric("status_text")?.Values.Count ?? 0).ShouldBe(0);
        result.Metric("http_reqs")!.Values.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Run_CustomMetricsExample_ThresholdsJudgeThemAndEveryOutputShowsThem()
    {
        var folder = Directory.CreateTempSubdirectory("stampede-custom-metrics-").FullName;
        try
        {
            var host = new TestConsoleHost();
            var plan = Path.Combine(AppContext.BaseDirectory, "examples", "custom-metrics.yaml");

            var exit = await StampedeCli.RunAsync(
                ["run", plan, "--vus", "1", "--duration", "1s", "--quiet", "--no-history", "-e", $"BASE_URL={target.Server.BaseAddress.ToString().TrimEnd('/')}", "--out-dir", folder],
                host);

            exit.ShouldBeOneOf([ExitCodes.Ok, ExitCodes.ThresholdsFailed], host.Errors);
            host.Output.ShouldContain("missions_created");
            var json = Directory.GetFiles(folder, "*.json").ShouldHaveSingleItem();
            var result = RunResultJson.Deserialize(await File.ReadAllTextAsync(json));
            result.Thresholds.Select(t => t.Metric).ShouldContain("mission_errors");
            result.Thresholds.Single(t => t.Metric == "missions_created").Outcome.ShouldBe(ThresholdOutcomeNames.Passed);
            result.Thresholds.Single(t => t.Metric == "mission_errors").Outcome.ShouldBe(ThresholdOutcomeNames.Passed);
            result.Metric("create_time")!.Unit.ShouldBe(MetricUnit.Time);
            // Locust's CSV files list requests per endpoint, not metrics; every other report lists every metric.
            var reports = Directory.GetFiles(folder).Where(f => !f.EndsWith(".json", StringComparison.Ordinal) && !f.EndsWith(".csv", StringComparison.Ordinal)).ToList();
            reports.Select(Path.GetExtension).ShouldBe([".html", ".md", ".xml"], ignoreOrder: true);
            foreach (var file in reports)
            {
                (await File.ReadAllTextAsync(file)).ShouldContain("missions_created", customMessage: Path.GetFileName(file));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
