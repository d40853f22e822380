using System.Text.Json;
using Shouldly;
using Stampede.Outputs;
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
}
