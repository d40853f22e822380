using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Stampede.Cli.Tests;

/// <summary>Where <c>--out</c> files go beside <c>--out-dir</c>: a bare name into the folder, a path as typed, and the standard files named for the plan and minute.</summary>
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

    [Fact]
    public async Task Run_WithOutDir_WritesEveryResultFileNamedForThePlanAndMinute()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        app.MapGet("/hit", () => "ok");
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var folder = Directory.CreateTempSubdirectory("stampede-outdir-").FullName;
        try
        {
            var host = new TestConsoleHost();

            var exit = await StampedeCli.RunAsync(["run", "--url", address + "/hit", "-d", "1s", "-u", "1", "--out-dir", folder, "--out", "ndjson=live.ndjson", "--quiet", "--no-summary"], host);

            exit.ShouldBe(0, host.ErrorText.ToString());
            var names = Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            names.ShouldContain("live.ndjson");
            var stamped = names.Where(n => n != "live.ndjson").ToList();
            var pattern = new System.Text.RegularExpressions.Regex(@"^127\.0\.0\.1-hit_\d{4}-\d{2}-\d{2}_\d{2}-\d{2}(?<suffix>.*)$");
            stamped.ShouldAllBe(n => pattern.IsMatch(n!));
            stamped.Select(n => pattern.Match(n!).Groups["suffix"].Value).Order(StringComparer.Ordinal).ShouldBe(
                [".html", ".json", ".junit.xml", ".md", "_exceptions.csv", "_failures.csv", "_metrics.csv", "_stats.csv", "_stats_history.csv"]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
