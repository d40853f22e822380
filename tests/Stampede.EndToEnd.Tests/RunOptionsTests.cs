using Shouldly;
using Stampede.Cli;
using Xunit;

namespace Stampede.EndToEnd.Tests;

/// <summary>Where <c>--out</c> files go beside <c>--out-dir</c>: a bare name into the folder, a path as typed.</summary>
public sealed class RunOptionsTests
{
    [Theory]
    [InlineData("ndjson=live.ndjson", "ndjson=out/live.ndjson")]
    [InlineData("ndjson=live.ndjson?samples=true", "ndjson=out/live.ndjson?samples=true")]
    [InlineData("html={plan}_{time}.html", "html=out/{plan}_{time}.html")]
    [InlineData("ndjson=out/samples.ndjson", "ndjson=out/samples.ndjson")]
    [InlineData("json=reports/run.json", "json=reports/run.json")]
    [InlineData("json=./run.json", "json=./run.json")]
    [InlineData("json=/var/results/run.json", "json=/var/results/run.json")]
    [InlineData("prometheus=:9464", "prometheus=:9464")]
    [InlineData("otlp=http://127.0.0.1:4318/v1/metrics", "otlp=http://127.0.0.1:4318/v1/metrics")]
    public void WithOutDir_OutSpec_BareNamesGoIntoTheFolderAndPathsStayAsTyped(string spec, string expected)
    {
        var outputs = RunOptions.WithOutDir([spec], "out");

        outputs[^1].Replace('\\', '/').ShouldBe(expected);
    }

    [Fact]
    public void WithOutDir_NoFolder_LeavesTheSpecsAlone()
    {
        RunOptions.WithOutDir(["json=run.json"], null).ShouldBe(["json=run.json"]);
    }

    [Fact]
    public void WithOutDir_Folder_AddsEveryStandardFileNamedForThePlanAndTime()
    {
        var outputs = RunOptions.WithOutDir([], "out");

        outputs.Select(o => o.Replace('\\', '/')).ShouldBe([
            "json=out/{plan}_{time}.json", "html=out/{plan}_{time}.html", "csv=out/{plan}_{time}",
            "junit=out/{plan}_{time}.junit.xml", "markdown=out/{plan}_{time}.md",
        ]);
    }
}
