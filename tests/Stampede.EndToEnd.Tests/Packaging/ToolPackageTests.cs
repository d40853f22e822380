using System.IO.Compression;
using Shouldly;
using Stampede.Cli;
using Stampede.Metrics;
using Xunit;

namespace Stampede.EndToEnd.Tests.Packaging;

/// <summary>
/// The docs tell users to install the tool from a local build: <c>dotnet pack</c> into a folder, then <c>dotnet tool
/// install --source</c> that folder. This does exactly that on what a fresh machine has: an empty NuGet package
/// folder, no package source but the local feed, and a tool folder of its own (nothing global changes).
/// </summary>
[Collection(nameof(SerialCollection))]
public sealed class ToolPackageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("stampede-tool-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ToolPackage_InstalledFromALocalFeed_RunsTheDemoAndWritesItsResults()
    {
        var feed = Path.Combine(_folder, "feed");
        var nupkg = await ProjectPackage.PackAsync("src/Stampede.Cli", feed);
        var version = ProjectPackage.Version(nupkg, "Stampede.Cli");
        using (var package = ZipFile.OpenRead(nupkg))
        {
            package.GetEntry("README.md").ShouldNotBeNull();
        }

        var machine = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = Path.Combine(_folder, "packages"),
            ["DOTNET_CLI_HOME"] = Path.Combine(_folder, "home"),
        };
        var tools = Path.Combine(_folder, "tools");

        var install = await ProcessRun.RunAsync(
            "dotnet", ["tool", "install", "--tool-path", tools, "--source", feed, "Stampede.Cli", "--version", version],
            _folder, TimeSpan.FromMinutes(2), machine);
        install.Exit.ShouldBe(0, install.Output);

        var results = Path.Combine(_folder, "results");
        var demo = await ProcessRun.RunAsync(
            Path.Combine(tools, "stampede"), ["demo", "--duration", "6s", "--no-history", "--quiet", "--out-dir", results],
            _folder, TimeSpan.FromMinutes(1), machine);

        // The installed tool ran the demo to its end: 0, or 99 when a latency threshold judged this machine (busy
        // with the pack and install just before) too slow. The demo's own thresholds are DemoCommandTests' to hold.
        demo.Exit.ShouldBeOneOf([ExitCodes.Ok, ExitCodes.ThresholdsFailed], demo.Output);
        demo.Output.ShouldContain("showcase");
        demo.Output.ShouldNotContain("   at ");
        var files = Directory.GetFiles(results);
        files.ShouldContain(f => f.EndsWith(".html", StringComparison.Ordinal));
        files.ShouldContain(f => f.EndsWith(".txt", StringComparison.Ordinal));
        var result = RunResultJson.Deserialize(await File.ReadAllTextAsync(files.Single(f => f.EndsWith(".json", StringComparison.Ordinal))));
        result.Scenarios.ShouldAllBe(s => s.Iterations > 0);
        result.Checks.ShouldAllBe(c => c.Fails == 0);
        result.Metric("http_req_failed")!.Values.Rate!.Value.ShouldBe(0);
        result.Meta.ToolVersion.ShouldBe(version);
    }
}
