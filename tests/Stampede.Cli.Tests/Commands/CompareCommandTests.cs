using System.Text.Json;
using Stampede.Cli.Tests.Support;
using Stampede.History.Store;

namespace Stampede.Cli.Tests.Commands;

public sealed class CompareCommandTests : CommandTestBase
{
    [Fact]
    public async Task Compare_FilesWithTwentyPercentSlowdown_Exits98AndShowsTheRegression()
    {
        var baseline = WriteResult("base.json", SyntheticRuns.Run(seed: 1, p95: 200));
        var current = WriteResult("current.json", SyntheticRuns.Run(seed: 2, p95: 240));

        var (exitCode, output, _) = await RunCliAsync("compare", current, "--baseline", baseline);

        exitCode.ShouldBe(ExitCodes.RegressionFound);
        output.ShouldContain("REGRESSED");
    }

    [Fact]
    public async Task Compare_FilesFromTheSameDistribution_Exits0()
    {
        var baseline = WriteResult("base.json", SyntheticRuns.Run(seed: 3));
        var current = WriteResult("current.json", SyntheticRuns.Run(seed: 4));

        var (exitCode, output, _) = await RunCliAsync("compare", current, "--baseline", baseline);

        exitCode.ShouldBe(ExitCodes.Ok);
        output.ShouldContain("No regression");
    }

    [Fact]
    public async Task Compare_StoredRunsAgainstLastPassed_UsesTheOlderPassingRun()
    {
        await using (var store = RunStores.Open(StorePath))
        {
            await store.SaveAsync(new RunRecord { Result = SyntheticRuns.Run(seed: 1, p95: 200) }, TestContext.Current.CancellationToken);
            await store.SaveAsync(new RunRecord { Result = SyntheticRuns.Run(seed: 2, p95: 100, passed: false) }, TestContext.Current.CancellationToken);
            await store.SaveAsync(new RunRecord { Result = SyntheticRuns.Run(seed: 3, p95: 240) }, TestContext.Current.CancellationToken);
        }

        var (exitCode, output, _) = await RunCliAsync("compare", "3", "--store", StorePath, "--format", "json");

        exitCode.ShouldBe(ExitCodes.RegressionFound);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("baseline").GetString().ShouldStartWith("#1 ");
        json.RootElement.GetProperty("regression").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Compare_MarkdownWithLooseRulesFile_Exits0WithATable()
    {
        var rules = PathFor("rules.yaml");
        await File.WriteAllTextAsync(rules, "regressions:\n  http_req_duration: { p95: \"+50%\" }\n", TestContext.Current.CancellationToken);
        var baseline = WriteResult("base.json", SyntheticRuns.Run(seed: 1, p95: 200));
        var current = WriteResult("current.json", SyntheticRuns.Run(seed: 2, p95: 240));

        var (exitCode, output, _) = await RunCliAsync("compare", current, "--baseline", baseline, "--regressions", rules, "--format", "markdown");

        exitCode.ShouldBe(ExitCodes.Ok);
        output.ShouldStartWith("### ✅ No performance regression");
        output.ShouldContain("| `http_req_duration` | p95 |");
    }

    [Fact]
    public async Task Compare_MalformedRulesFile_Exits2WithTheProblem()
    {
        var rules = PathFor("rules.yaml");
        await File.WriteAllTextAsync(rules, "http_req_duration: { p95: \"10%\" }\n", TestContext.Current.CancellationToken);

        var (exitCode, _, error) = await RunCliAsync("compare", "1", "--regressions", rules, "--store", StorePath);

        exitCode.ShouldBe(ExitCodes.BadInput);
        error.ShouldContain("starts with +");
    }

    [Fact]
    public async Task Compare_UnknownRun_Exits2()
    {
        var (exitCode, _, error) = await RunCliAsync("compare", "42", "--store", StorePath);

        exitCode.ShouldBe(ExitCodes.BadInput);
        error.ShouldContain("no run '42'");
    }
}
