using Stampede.Cli.Tests.Support;
using Stampede.DemoTarget;
using Stampede.Metrics;

namespace Stampede.Cli.Tests.Commands;

/// <summary>
/// <c>stampede run --segment</c> on four in-process runs at once, then <c>stampede merge</c>: the merged result is the
/// whole plan's, against the demo target on loopback.
/// </summary>
public sealed class MergeCommandTests : CommandTestBase, IAsyncLifetime
{
    private const string Sequence = "0,1/4,1/2,3/4,1";

    // Each iteration records its plan-wide number in a trend, so the whole run's percentiles of it are known exactly
    // and equal the merged segments' only if every segment ran its own iterations, each once.
    private const string Script = """
        import http from 'k6/http';
        import exec from 'k6/execution';
        import { Trend } from 'k6/metrics';
        const numbers = new Trend('iteration_number');
        export const options = {
          scenarios: { work: { executor: 'shared-iterations', vus: 8, iterations: 200 } },
          thresholds: { http_req_failed: ['rate<0.5'], iteration_number: ['p(50)<1000'] },
        };
        export default function () {
          numbers.add(exec.scenario.iterationInTest);
          http.get(`${__ENV.BASE_URL}/api/health`);
        }
        """;

    private DemoTargetServer _target = null!;

    public async ValueTask InitializeAsync() => _target = await DemoTargetServer.StartAsync(new DemoTargetOptions { Port = 0 });

    public async ValueTask DisposeAsync() => await _target.DisposeAsync();

    private Task<(int ExitCode, string Out, string Error)> RunScriptAsync(string script, string json, params string[] extra) =>
        RunCliAsync(["run", script, "-e", $"BASE_URL={_target.BaseAddress.ToString().TrimEnd('/')}", "--no-history", "--quiet", "--no-summary", "--out", $"json={json}", .. extra]);

    private string WriteScript()
    {
        var path = PathFor("plan.js");
        File.WriteAllText(path, Script);
        return path;
    }

    [Fact]
    public async Task Merge_FourSegmentsRunAtOnce_GivesTheWholeRunsCountsAndExactPercentiles()
    {
        var script = WriteScript();
        var whole = await RunScriptAsync(script, PathFor("whole.json"));
        var segments = new[] { "0:1/4", "1/4:1/2", "1/2:3/4", "3/4:1" };
        var runs = await Task.WhenAll(segments.Select((s, i) => RunScriptAsync(script, PathFor($"part-{i}.json"), "--segment", s, "--segment-sequence", Sequence)));
        var merge = await RunCliAsync("merge", PathFor("part-*.json"), "-o", PathFor("merged.json"), "--out", $"html={PathFor("merged.html")}", "--no-summary");

        whole.ExitCode.ShouldBe(ExitCodes.Ok, whole.Error);
        runs.ShouldAllBe(r => r.ExitCode == ExitCodes.Ok);
        merge.ExitCode.ShouldBe(ExitCodes.Ok, merge.Error);
        merge.Error.ShouldNotContain("warning");
        var single = RunResultJson.Deserialize(File.ReadAllText(PathFor("whole.json")));
        var parts = segments.Select((_, i) => RunResultJson.Deserialize(File.ReadAllText(PathFor($"part-{i}.json")))).ToList();
        var merged = RunResultJson.Deserialize(File.ReadAllText(PathFor("merged.json")));

        parts.Select(p => p.Meta.Segment).ShouldBe(segments);
        parts.Select(p => p.Scenarios.Single().Iterations).ShouldBe([50, 50, 50, 50]);
        merged.Meta.Segment.ShouldBeNull();
        merged.Meta.Segments!.Select(s => s.Segment).ShouldBe(segments);
        merged.Meta.SegmentSequence.ShouldBe(Sequence);
        merged.Metric("http_reqs")!.Values.Count.ShouldBe(single.Metric("http_reqs")!.Values.Count);
        merged.Metric("http_reqs")!.Values.Count.ShouldBe(200);
        merged.Scenarios.Single().Iterations.ShouldBe(200);
        merged.Scenarios.Single().Vus.ShouldBe(8);

        // The plan-wide numbers 0…199, split four ways, merge into the whole run's histogram.
        var numbers = merged.Metric("iteration_number")!.Values;
        var expected = single.Metric("iteration_number")!.Values;
        numbers.ShouldBe(expected);
        numbers.Min.ShouldBe(0);
        numbers.Max.ShouldBe(199);

        // Latencies differ run to run; the merged percentiles are those of all four parts' samples together.
        var duration = merged.Metric("http_req_duration")!;
        var all = MetricValues.Of(MetricKind.Trend, MetricUnit.Time, parts.Select(p => SeriesTotals.Of(new SeriesResult
        {
            Tags = new Dictionary<string, string>(),
            Values = p.Metric("http_req_duration")!.Values,
            Histogram = p.Metric("http_req_duration")!.Histogram,
        })), merged.Meta.DurationSeconds);
        duration.Values.P95.ShouldBe(all.P95);
        duration.Values.P99.ShouldBe(all.P99);
        duration.Values.Count.ShouldBe(200);
        merged.Thresholds.Single(t => t.Metric == "iteration_number").Observed.ShouldBe(single.Thresholds.Single(t => t.Metric == "iteration_number").Observed);
        merged.Thresholds.ShouldAllBe(t => t.Outcome == ThresholdOutcomeNames.Passed);
        File.ReadAllText(PathFor("merged.html")).ShouldContain("http_req_duration");
    }

    [Fact]
    public async Task Merge_ASegmentMissing_WarnsWhichShareIsAbsent()
    {
        var script = WriteScript();
        await RunScriptAsync(script, PathFor("a.json"), "--segment", "0:1/4", "--segment-sequence", Sequence);
        await RunScriptAsync(script, PathFor("b.json"), "--segment", "1/2:3/4", "--segment-sequence", Sequence);

        var (exit, _, error) = await RunCliAsync("merge", PathFor("a.json"), PathFor("b.json"), "-o", PathFor("merged.json"), "--no-summary");

        exit.ShouldBe(ExitCodes.Ok, error);
        error.ShouldContain("warning: merge: segment 1/4:1/2 is absent: no part covers 25% of the load");
        error.ShouldContain("segment 3/4:1 is absent");
        RunResultJson.Deserialize(File.ReadAllText(PathFor("merged.json"))).Metric("http_reqs")!.Values.Count.ShouldBe(100);
    }

    [Fact]
    public async Task Merge_OverlappingSegments_IsBadInputNamingBoth()
    {
        var script = WriteScript();
        await RunScriptAsync(script, PathFor("a.json"), "--segment", "0:1/2");
        await RunScriptAsync(script, PathFor("b.json"), "--segment", "1/4:1");

        var (exit, _, error) = await RunCliAsync("merge", PathFor("a.json"), PathFor("b.json"), "-o", PathFor("merged.json"));

        exit.ShouldBe(ExitCodes.BadInput);
        error.ShouldContain("segment 1/4:1 overlaps segment 0:1/2");
        File.Exists(PathFor("merged.json")).ShouldBeFalse();
    }

    [Fact]
    public async Task Merge_NotAResultOrAnotherPlan_IsBadInputNamingTheFile()
    {
        var script = WriteScript();
        await RunScriptAsync(script, PathFor("a.json"), "--segment", "0:1/2");
        var other = RunResultJson.Deserialize(File.ReadAllText(PathFor("a.json")));
        WriteResult("b.json", other with { Meta = other.Meta with { Plan = "another", Segment = "1/2:1" } });
        File.WriteAllText(PathFor("c.json"), "{\"hello\": 1}");

        var different = await RunCliAsync("merge", PathFor("a.json"), PathFor("b.json"), "-o", PathFor("merged.json"));
        var notResult = await RunCliAsync("merge", PathFor("a.json"), PathFor("c.json"), "-o", PathFor("merged.json"));

        different.ExitCode.ShouldBe(ExitCodes.BadInput);
        different.Error.ShouldContain("is a result of plan 'another'");
        notResult.ExitCode.ShouldBe(ExitCodes.BadInput);
        notResult.Error.ShouldContain($"{PathFor("c.json")}: not a Stampede result");
    }

    [Theory]
    [InlineData("--segment", "3/4:1/4", "--segment: the segment's start (3/4) must be less than its end (1/4)")]
    [InlineData("--segment", "a quarter", "--segment: 'a quarter' is not a fraction")]
    [InlineData("--segment-sequence", "0,1/2,1", "--segment-sequence: names how the load is cut, not which part to run")]
    public async Task Run_BadSegment_IsBadInputBeforeAnythingRuns(string option, string value, string message)
    {
        var (exit, _, error) = await RunScriptAsync(WriteScript(), PathFor("x.json"), option, value);

        exit.ShouldBe(ExitCodes.BadInput);
        error.ShouldContain(message);
        File.Exists(PathFor("x.json")).ShouldBeFalse();
    }
}
