using System.Text.Json;
using Shouldly;
using Stampede.Execution;
using Stampede.Outputs;
using Stampede.Plans;
using Xunit;

namespace Stampede.Tests.Outputs;

public sealed class NdjsonOutputTests
{
    [Fact]
    public async Task OnSecond_RealRun_WritesAPointPerMetricEachSecondThenTheEnd()
    {
        var folder = Directory.CreateTempSubdirectory("stampede-ndjson-").FullName;
        try
        {
            var output = new NdjsonOutput(Path.Combine(folder, "{plan}.ndjson"));
            var result = await OutputRuns.HttpAsync([output], "2500ms");

            output.Path.ShouldBe(Path.Combine(folder, "outputs-test.ndjson"));
            var lines = (await File.ReadAllLinesAsync(output.Path!, TestContext.Current.CancellationToken)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            lines[0].GetProperty("type").GetString().ShouldBe("start");
            lines[^1].GetProperty("type").GetString().ShouldBe("end");
            lines[^1].GetProperty("passed").GetBoolean().ShouldBe(result.Passed);
            var requests = lines.Where(l => l.GetProperty("type").GetString() == "point" && l.GetProperty("metric").GetString() == "http_reqs").ToList();
            requests.Count.ShouldBeGreaterThanOrEqualTo(2);
            requests.Select(l => l.GetProperty("second").GetInt32()).ShouldBeUnique();
            var durations = lines.First(l => l.GetProperty("type").GetString() == "point" && l.GetProperty("metric").GetString() == "http_req_duration");
            durations.GetProperty("p95").GetDouble().ShouldBeGreaterThan(0);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task EndAsync_RawSamplesAskedFor_WritesEverySampleWithItsTags(bool samples)
    {
        var folder = Directory.CreateTempSubdirectory("stampede-ndjson-").FullName;
        try
        {
            var output = new NdjsonOutput(Path.Combine(folder, "samples.ndjson"), samples: samples);
            var size = new Stampede.Metrics.Metric("payload_size", Stampede.Metrics.MetricKind.Trend);
            var plan = TestPlan.Create("samples")
                .Scenario("s", s => s.PerVuIterations(3, 7).Iteration(vu =>
                {
                    vu.Check("even", vu.Iteration % 2 == 0);
                    vu.Metrics.Trend(size, vu.Tags).Record(vu.Iteration * 10);
                    return Task.CompletedTask;
                }))
                .Build();

            await new Engine(new EngineOptions { Outputs = [output] }).RunAsync(plan);

            var lines = (await File.ReadAllLinesAsync(output.Path!, TestContext.Current.CancellationToken)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            var sampleLines = lines.Where(l => l.GetProperty("type").GetString() == "sample").ToList();
            if (!samples)
            {
                sampleLines.ShouldBeEmpty();
                return;
            }

            var checks = sampleLines.Where(l => l.GetProperty("metric").GetString() == "checks").ToList();
            checks.Count.ShouldBe(21);
            checks.Count(l => l.GetProperty("value").GetDouble() == 1).ShouldBe(12);   // iterations 0, 2, 4, 6 of each VU
            checks.ShouldAllBe(l => l.GetProperty("tags").GetProperty("check").GetString() == "even");
            sampleLines.Where(l => l.GetProperty("metric").GetString() == "payload_size").Select(l => l.GetProperty("value").GetDouble()).Order()
                .ShouldBe(Enumerable.Range(0, 7).SelectMany(i => Enumerable.Repeat(i * 10.0, 3)).Order());
            sampleLines.Count(l => l.GetProperty("metric").GetString() == "iterations").ShouldBe(21);
            lines[^1].GetProperty("type").GetString().ShouldBe("end");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
