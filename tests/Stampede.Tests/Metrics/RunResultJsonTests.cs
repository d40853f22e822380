using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Shouldly;
using Stampede.Execution;
using Stampede.Metrics;
using Stampede.Plans;
using Xunit;

namespace Stampede.Tests.Metrics;

public sealed class RunResultJsonTests
{
    [Fact]
    public async Task Deserialize_WhatSerializeWrote_KeepsEveryMetricAndHistogram()
    {
        var plan = TestPlan.Create("round-trip")
            .Scenario("s", s => s.PerVuIterations(2, 50).Iteration(vu =>
            {
                vu.Check("ok", vu.Iteration % 10 != 0);
                return Task.CompletedTask;
            }))
            .Threshold("checks", "rate>0.5")
            .Build();
        var result = await new Engine().RunAsync(plan);

        var json = RunResultJson.Serialize(result);
        var back = RunResultJson.Deserialize(json);

        back.Version.ShouldBe(1);
        back.Meta.Plan.ShouldBe("round-trip");
        back.Metrics.Select(m => m.Name).ShouldBe(result.Metrics.Select(m => m.Name));
        back.Checks.Single().Fails.ShouldBe(10);
        back.Thresholds.Single().Outcome.ShouldBe("passed");
        var duration = back.Metric("iteration_duration")!;
        var histogram = HistogramCodec.Decode(duration.Histogram!);
        histogram.TotalCount.ShouldBe(100);
        RunResultJson.Serialize(back).ShouldBe(json);
    }

    [Fact]
    public void Serialize_EveryKindOfField_SameBytesAsTheReflectionSerializerWithTheFormatsOptions()
    {
        var result = FullResult();

        var json = RunResultJson.Serialize(result);

        json.ShouldBe(JsonSerializer.Serialize(result, FormatOptions));
        json.ShouldContain("\"NaN\"");
        json.ShouldNotContain("\"source\"");
        json.ShouldContain("\"passed\":false");
    }

    [Fact]
    public async Task WriteAsync_EveryKindOfField_SameBytesAsSerialize()
    {
        var result = FullResult();
        using var stream = new MemoryStream();

        await RunResultJson.WriteAsync(stream, result);

        Encoding.UTF8.GetString(stream.ToArray()).ShouldBe(RunResultJson.Serialize(result));
    }

    [Fact]
    public void Deserialize_EveryKindOfField_ReadsWhatTheReflectionSerializerReads()
    {
        var json = JsonSerializer.Serialize(FullResult(), FormatOptions);

        var back = RunResultJson.Deserialize(json);

        JsonSerializer.Serialize(back, FormatOptions).ShouldBe(JsonSerializer.Serialize(JsonSerializer.Deserialize<RunResult>(json, FormatOptions), FormatOptions));
        back.Metrics[0].Timeline!.Values![1].ShouldBe(double.NaN);
        back.Meta.Tags["env"].ShouldBe("ci");
        back.Annotations.Single().Recovered.ShouldBe(false);
    }

    // The options the result was written with before the source-generated context; the bytes must not change.
    private static readonly JsonSerializerOptions FormatOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static RunResult FullResult() => new()
    {
        Meta = new RunMetadata
        {
            Plan = "full \"quoted\" é <tag>",
            StartedAt = new DateTimeOffset(2025, 3, 14, 15, 9, 26, 535, TimeSpan.Zero),
            EndedAt = new DateTimeOffset(2025, 3, 14, 15, 9, 36, 0, TimeSpan.FromHours(2)),
            DurationSeconds = 9.5,
            ToolVersion = "1.2.3",
            Host = "h",
            StopReason = "threshold",
            Tags = new Dictionary<string, string> { ["env"] = "ci", ["b"] = "ä" },
            Seconds = 10,
            Notes = new Dictionary<string, double> { ["lag"] = 0.25, ["inf"] = double.PositiveInfinity },
        },
        Metrics =
        [
            new MetricResult
            {
                Name = "http_req_duration",
                Kind = MetricKind.Trend,
                Unit = MetricUnit.Time,
                Values = new ResultValues { Count = 3, Avg = 1.5, Min = 0.1, Med = 1, Max = double.NaN, P90 = 2, P95 = 3, P99 = 4 },
                Histogram = "HISTFAAAA",
                Timeline = new TimelineResult { Start = 1, Values = [1, double.NaN], Avg = [1, 2], P99 = [3, 4] },
                Series =
                [
                    new SeriesResult
                    {
                        Tags = new Dictionary<string, string> { ["name"] = "/x" },
                        Values = new ResultValues { Rate = 0.5, Passes = 1, Fails = 1 },
                        Timeline = new TimelineResult { Passes = [1], Total = [2] },
                    },
                ],
            },
        ],
        Checks = [new CheckResult("status 200", "::g", 5, 1)],
        Thresholds = [new ThresholdResult { Metric = "checks", Expression = "rate>0.9", Outcome = "failed", Observed = 0.8, AbortOnFail = true, Aborted = true, FirstFailedAt = 3 }],
        Scenarios = [new ScenarioResult { Name = "s", Executor = "constant-vus", Iterations = 9, FailedIterations = 1, InterruptedIterations = 2, DroppedIterations = 3, Vus = 4 }],
        Errors = [new ErrorResult("s", "boom", 2)],
        Annotations = [new RunAnnotation { At = 1, End = 2, Kind = "http", Description = "d", Recovered = false, DetectionSeconds = 0.5 }],
    };

    // A result as this format has always written it, with every kind and unit: it must read back and write out
    // again byte for byte (results in history stores and on disk were written like this).
    private const string EveryKindAndUnit =
        """{"format":"stampede-result","version":1,"meta":{"plan":"p","startedAt":"2025-03-14T15:09:26+00:00","endedAt":"2025-03-14T15:09:36+00:00","durationSeconds":10,"toolVersion":"1.0.0","host":"h","processors":2,"tags":{},"seconds":10},"metrics":["""
        + """{"name":"data_received","kind":"counter","unit":"bytes","values":{"count":1000,"rate":100},"series":[]},"""
        + """{"name":"http_req_duration","kind":"trend","unit":"ms","values":{"count":2,"avg":1.5,"min":1,"med":1,"max":2,"p90":2,"p95":2,"p99":2,"sum":3},"series":[]},"""
        + """{"name":"http_req_failed","kind":"rate","unit":"","values":{"count":2,"rate":0.5,"passes":1,"fails":1},"series":[]},"""
        + """{"name":"vus","kind":"gauge","unit":"","values":{"value":1,"min":0,"max":1},"series":[]}"""
        + """],"checks":[],"thresholds":[],"scenarios":[],"errors":[],"annotations":[],"passed":true}""";

    [Fact]
    public void Deserialize_EveryKindAndUnitAsWritten_TypedAndWrittenBackByteForByte()
    {
        var result = RunResultJson.Deserialize(EveryKindAndUnit);

        result.Metrics.Select(m => (m.Kind, m.Unit)).ShouldBe(
        [
            (MetricKind.Counter, MetricUnit.Data), (MetricKind.Trend, MetricUnit.Time),
            (MetricKind.Rate, MetricUnit.None), (MetricKind.Gauge, MetricUnit.None),
        ]);
        RunResultJson.Serialize(result).ShouldBe(EveryKindAndUnit);
    }

    [Fact]
    public void Deserialize_NoUnit_PlainNumber()
    {
        var json = EveryKindAndUnit.Replace("\"kind\":\"gauge\",\"unit\":\"\",", "\"kind\":\"gauge\",", StringComparison.Ordinal);

        RunResultJson.Deserialize(json).Metric("vus")!.Unit.ShouldBe(MetricUnit.None);
    }

    [Theory]
    [InlineData("\"kind\":\"gauge\"", "\"kind\":\"histogram\"", "unknown metric kind 'histogram': expected counter, gauge, rate or trend")]
    [InlineData("\"kind\":\"gauge\"", "\"kind\":\"Gauge\"", "unknown metric kind 'Gauge'")]
    [InlineData("\"kind\":\"gauge\"", "\"kind\":3", "unknown metric kind number")]
    [InlineData("\"kind\":\"gauge\"", "\"kind\":null", "unknown metric kind null")]
    [InlineData("\"unit\":\"ms\"", "\"unit\":\"seconds\"", "unknown metric unit 'seconds': expected \"ms\", \"bytes\" or \"\"")]
    public void Deserialize_UnknownKindOrUnit_FormatErrorWithWhereAndWhat(string written, string replacement, string message)
    {
        var json = EveryKindAndUnit.Replace(written, replacement, StringComparison.Ordinal);
        json.ShouldNotBe(EveryKindAndUnit);

        var error = Should.Throw<FormatException>(() => RunResultJson.Deserialize(json)).Message;

        error.ShouldStartWith("invalid result JSON at line 1, byte ");
        error.ShouldContain(message);
    }

    [Theory]
    [InlineData("[]", "not a Stampede result")]
    [InlineData("{\"format\":\"other\"}", "not a Stampede result")]
    [InlineData("{\"format\":\"stampede-result\",\"version\":99,\"meta\":{\"plan\":\"x\"}}", "newer than this Stampede understands")]
    [InlineData("{\"format\":\"stampede-result\",", "invalid result JSON")]
    public void Deserialize_NotAResult_SaysWhatIsWrong(string json, string message)
    {
        Should.Throw<FormatException>(() => RunResultJson.Deserialize(json)).Message.ShouldContain(message);
    }
}
