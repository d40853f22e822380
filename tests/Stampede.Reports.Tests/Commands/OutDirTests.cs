using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shouldly;
using Stampede.Cli;
using Stampede.Reports.Tests.Support;
using Xunit;

namespace Stampede.Reports.Tests.Commands;

public sealed class OutDirTests
{
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
