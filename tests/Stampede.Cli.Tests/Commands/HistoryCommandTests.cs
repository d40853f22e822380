using Stampede.Cli.Tests.Support;
using Stampede.History.Store;

namespace Stampede.Cli.Tests.Commands;

public sealed class HistoryCommandTests : CommandTestBase
{
    [Fact]
    public async Task History_MetricAcrossRuns_PrintsOneLinePerRunWithTheChange()
    {
        await using (var store = RunStores.Open(StorePath))
        {
            await store.SaveAsync(new RunRecord { Result = SyntheticRuns.Run(seed: 1, p95: 100, startedAt: new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero)) }, TestContext.Current.CancellationToken);
            await store.SaveAsync(new RunRecord { Result = SyntheticRuns.Run(seed: 2, p95: 200, startedAt: new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero)) }, TestContext.Current.CancellationToken);
        }

        var (exitCode, output, _) = await RunCliAsync("history", "--plan", "checkout", "--metric", "http_req_duration:p95", "--store", StorePath);

        exitCode.ShouldBe(ExitCodes.Ok);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(3);
        lines[1].ShouldStartWith("#1 ");
        lines[2].ShouldStartWith("#2 ");
        lines[2].ShouldContain("+");
    }

    [Fact]
    public async Task History_EmptyStore_SaysHowRunsGetThere()
    {
        var (exitCode, output, _) = await RunCliAsync("history", "--store", StorePath);

        exitCode.ShouldBe(ExitCodes.Ok);
        output.ShouldContain("no runs stored yet");
    }

    [Fact]
    public async Task History_StoreFromEnvironment_IsUsedWithoutTheOption()
    {
        await using (var store = RunStores.Open(StorePath))
        {
            await store.SaveAsync(new RunRecord { Result = SyntheticRuns.Run(seed: 1, plan: "from-env") }, TestContext.Current.CancellationToken);
        }

        var host = new TestConsoleHost(new Dictionary<string, string> { ["STAMPEDE_STORE"] = StorePath });
        var (exitCode, output, _) = await RunCliAsync(host, "history");

        exitCode.ShouldBe(ExitCodes.Ok);
        output.ShouldContain("from-env");
    }
}
