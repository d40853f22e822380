using Stampede.Execution;
using Stampede.Metrics;
using Stampede.Yaml.Tests.Streaming;

namespace Stampede.Yaml.Tests.Flows;

/// <summary><c>tags:</c> on groups, requests, streaming steps and checks, run against the demo target.</summary>
public sealed class StepTagsTests(DemoTargetFixture target) : IClassFixture<DemoTargetFixture>
{
    private static IEnumerable<SeriesResult> Tagged(RunResult result, string metric, string key, string value) =>
        result.Metric(metric)!.Series.Where(s => s.Tags.TryGetValue(key, out var v) && v == value);

    [Fact]
    public async Task RunAsync_RequestTags_TagItsHttpSamplesChecksAndCustomMetricsOnly()
    {
        var plan = target.Load("""
            name: t
            baseUrl: BASE
            metrics: { hits: counter }
            scenarios:
              a:
                executor: per-vu-iterations
                iterations: 2
                flow:
                  - get: /api/health
                    tags: { type: health }
                    check: { status: 200 }
                    metric: { hits: 1 }
                  - get: /api/specs/spec-1
                    check: { status: 200 }
            """);

        var result = await new Engine().RunAsync(plan);

        Tagged(result, "http_reqs", "type", "health").Sum(s => s.Values.Count).ShouldBe(2);
        Tagged(result, "http_req_duration", "type", "health").ShouldHaveSingleItem().Tags["name"].ShouldStartWith("http://");
        Tagged(result, "checks", "type", "health").ShouldHaveSingleItem().Tags["check"].ShouldBe("GET /api/health status is 200");
        Tagged(result, "hits", "type", "health").Sum(s => s.Values.Count).ShouldBe(2);
        result.Metric("http_reqs")!.Series.Where(s => !s.Tags.ContainsKey("type")).Sum(s => s.Values.Count).ShouldBe(2);
    }

    [Fact]
    public async Task RunAsync_GroupTags_ReachNestedGroupsAndStepsWithTagsOfTheirOwn()
    {
        var plan = target.Load("""
            name: t
            baseUrl: BASE
            scenarios:
              a:
                executor: per-vu-iterations
                flow:
                  - group: outer
                    tags: { area: x }
                    steps:
                      - group: inner
                        steps:
                          - get: /api/health
                            tags: { type: api }
                  - get: /api/specs/spec-1
            """);

        var result = await new Engine().RunAsync(plan);

        var series = Tagged(result, "http_reqs", "area", "x").ShouldHaveSingleItem();
        series.Tags["type"].ShouldBe("api");
        series.Tags["group"].ShouldBe("::outer::inner");
        Tagged(result, "group_duration", "area", "x").Select(s => s.Tags["group"]).ShouldBe(["::outer", "::outer::inner"], ignoreOrder: true);
        result.Metric("http_reqs")!.Series.Single(s => !s.Tags.ContainsKey("group")).Tags.ContainsKey("area").ShouldBeFalse();
    }

    [Fact]
    public async Task RunAsync_CheckTagsAndName_ApplyToThatCheckAlone()
    {
        var plan = target.Load("""
            name: t
            baseUrl: BASE
            scenarios:
              a:
                executor: per-vu-iterations
                flow:
                  - get: /api/health
                    check:
                      status: { is: 200, tags: { type: hz }, name: health answers }
                      "json.status": ok
            """);

        var result = await new Engine().RunAsync(plan);

        var tagged = Tagged(result, "checks", "type", "hz").ShouldHaveSingleItem();
        tagged.Tags["check"].ShouldBe("health answers");
        result.Checks.Select(c => c.Name).ShouldBe(["health answers", "GET /api/health json.status is ok"], ignoreOrder: true);
        result.Metric("checks")!.Series.Count.ShouldBe(2);
    }

    [Fact]
    public async Task RunAsync_NameTag_IsTheRequestsName()
    {
        var plan = target.Load("""
            name: t
            baseUrl: BASE
            scenarios:
              a:
                executor: per-vu-iterations
                iterations: 3
                flow:
                  - get: /api/specs/spec-{{ vu.iteration }}
                    expect: [200, 404]
                    tags: { name: spec }
            """);

        var result = await new Engine().RunAsync(plan);

        result.Metric("http_reqs")!.Series.Select(s => s.Tags["name"]).Distinct().ShouldBe(["spec"]);
    }

    [Fact]
    public async Task RunAsync_SseStepTags_TagTheStreamMetrics()
    {
        var plan = target.Load("""
            name: t
            baseUrl: BASE
            scenarios:
              a:
                executor: per-vu-iterations
                flow:
                  - sse: /api/chat
                    json: { message: hi }
                    tags: { type: stream }
            """);

        var result = await new Engine().RunAsync(plan);

        Tagged(result, "sse_streams", "type", "stream").Sum(s => s.Values.Count).ShouldBe(1);
    }

    [Fact]
    public void Load_ThresholdOnATagASlice_IsJudgedOnTheTaggedSeries()
    {
        var result = YamlPlanLoader.LoadText("""
            name: t
            scenarios:
              a:
                flow:
                  - get: http://127.0.0.1:1/
                    tags: { type: api }
            thresholds:
              "http_req_duration{type:api}": [ "p(95)<500" ]
              "checks{type:hz}": [ "rate>0.9" ]
            """, "t.yaml", ".");

        result.Errors.ShouldBeEmpty();
        result.Plan!.Thresholds.Select(t => t.Selector).ShouldBe(["http_req_duration{type:api}", "checks{type:hz}"]);
    }
}
