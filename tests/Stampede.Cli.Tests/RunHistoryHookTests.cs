using Stampede.Cli.Tests.Support;
using Stampede.History.Store;

namespace Stampede.Cli.Tests;

/// <summary>Real runs against a loopback server: stored, listed, and gated by --baseline.</summary>
public sealed class RunHistoryHookTests(SlowServer server) : CommandTestBase, IClassFixture<SlowServer>
{
    [Fact]
    public async Task Run_WithTag_IsStoredAndListedWithItsTag()
    {
        var (exitCode, output, _) = await RunCliAsync("run", "--url", server.BaseAddress + "/slow", "--vus", "2", "--duration", "2s", "--quiet", "--no-summary", "--store", StorePath, "--tag", "release=1.4");
        var (listed, list, _) = await RunCliAsync("history", "--store", StorePath);

        exitCode.ShouldBe(ExitCodes.Ok);
        output.ShouldContain("history: stored as run #1");
        listed.ShouldBe(ExitCodes.Ok);
        var line = list.Split('\n').Where(l => l.StartsWith("#1 ", StringComparison.Ordinal)).ShouldHaveSingleItem();
        line.ShouldContain("127.0.0.1/slow");
        line.ShouldContain("passed");
        line.ShouldContain("release=1.4");
        await using var store = RunStores.Open(StorePath);
        var stored = await store.GetAsync(1, TestContext.Current.CancellationToken);
        stored!.Result.Metric("http_req_duration")!.Histogram.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Run_SlowerThanItsStoredBaseline_Exits98AndPrintsTheComparison()
    {
        await using (var store = RunStores.Open(StorePath))
        {
            await store.SaveAsync(new RunRecord { Result = SyntheticRuns.Run(seed: 1, p95: 0.5, seconds: 10, plan: "127.0.0.1/slow") }, TestContext.Current.CancellationToken);
        }

        var rules = PathFor("rules.json");
        await File.WriteAllTextAsync(rules, """{ "http_req_duration": { "p95": "+10%" } }""", TestContext.Current.CancellationToken);
        server.DelayMs = 25;

        var (exitCode, output, _) = await RunCliAsync("run", "--url", server.BaseAddress + "/slow", "--vus", "2", "--duration", "7s", "--quiet", "--no-summary", "--store", StorePath, "--baseline", "last-passed", "--regressions", rules);

        exitCode.ShouldBe(ExitCodes.RegressionFound);
        output.ShouldContain("history: stored as run #2");
        output.ShouldContain("baseline: #1 127.0.0.1/slow");
        output.ShouldContain("REGRESSED");
    }

    [Fact]
    public async Task Run_NoHistory_StoresNothing()
    {
        var (exitCode, output, _) = await RunCliAsync("run", "--url", server.BaseAddress + "/slow", "--iterations", "3", "--quiet", "--no-summary", "--store", StorePath, "--no-history");

        exitCode.ShouldBe(ExitCodes.Ok);
        output.ShouldNotContain("history:");
        File.Exists(StorePath).ShouldBeFalse();
    }

    [Fact]
    public async Task Run_BaselineWithNoHistory_Exits2BeforeRunning()
    {
        var (exitCode, _, error) = await RunCliAsync("run", "--url", server.BaseAddress + "/slow", "--iterations", "3", "--quiet", "--no-history", "--baseline", "last-passed");

        exitCode.ShouldBe(ExitCodes.BadInput);
        error.ShouldContain("--baseline needs the run history");
    }

    [Theory]
    [InlineData("postgres://")]
    [InlineData("postgres://u@db:5432/runs?no_such_option=1")]
    public async Task Run_MalformedStoreAddress_Exits2BeforeRunning(string address)
    {
        server.Requests = 0;

        var (exitCode, _, error) = await RunCliAsync("run", "--url", server.BaseAddress + "/slow", "--iterations", "3", "--quiet", "--store", address);

        exitCode.ShouldBe(ExitCodes.BadInput);
        error.ShouldContain("--store");
        error.ShouldContain("invalid store address");
        error.ShouldNotContain("   at ");
        server.Requests.ShouldBe(0);
    }

    [Fact]
    public async Task Run_FirstRunWithBaseline_PassesWithANote()
    {
        var (exitCode, output, _) = await RunCliAsync("run", "--url", server.BaseAddress + "/slow", "--iterations", "3", "--quiet", "--no-summary", "--store", StorePath, "--baseline", "tag:release");

        exitCode.ShouldBe(ExitCodes.Ok);
        output.ShouldContain("no baseline 'tag:release'");
    }
}
