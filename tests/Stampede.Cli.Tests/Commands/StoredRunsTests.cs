using Stampede.Cli.Tests.Support;
using Stampede.History.Store;

namespace Stampede.Cli.Tests.Commands;

/// <summary>The opening the history commands share: what each says and returns when its store or its run cannot be had.</summary>
public sealed class StoredRunsTests : CommandTestBase
{
    public static TheoryData<string[]> EveryCommand() => new(["history"], ["show", "last"], ["drift", "last"], ["compare", "last"]);

    public static TheoryData<string> CommandsThatLoadARun() => new("show", "drift", "compare");

    [Theory]
    [MemberData(nameof(EveryCommand))]
    public async Task Open_MalformedStoreAddress_Exits2WithTheAddressProblemAndNoStackTrace(string[] command)
    {
        var (exitCode, _, error) = await RunCliAsync([.. command, "--store", "postgres://"]);

        exitCode.ShouldBe(ExitCodes.BadInput);
        error.ShouldContain("error: invalid store address 'postgres://'");
        error.ShouldNotContain("   at ");
    }

    [Theory]
    [MemberData(nameof(EveryCommand))]
    public async Task Read_StoreFileThatIsNotADatabase_Exits1SayingTheStoreCannotBeOpened(string[] command)
    {
        await File.WriteAllTextAsync(StorePath, new string('x', 4096), TestContext.Current.CancellationToken);

        var (exitCode, _, error) = await RunCliAsync([.. command, "--store", StorePath]);

        exitCode.ShouldBe(ExitCodes.Failure);
        error.ShouldContain("error: cannot open the history store");
    }

    [Theory]
    [MemberData(nameof(CommandsThatLoadARun))]
    public async Task Load_FileThatIsNotAResult_Exits2SayingWhy(string command)
    {
        var file = PathFor("not-a-result.json");
        await File.WriteAllTextAsync(file, "{\"hello\": 1}", TestContext.Current.CancellationToken);

        var (exitCode, _, error) = await RunCliAsync(command, file, "--store", StorePath);

        exitCode.ShouldBe(ExitCodes.BadInput);
        error.ShouldContain("error: not a Stampede result");
    }

    [Fact]
    public async Task LoadBaseline_OnlyRunOfItsPlan_Exits2NamingTheBaselineAndTheRun()
    {
        await using (var store = RunStores.Open(StorePath))
        {
            await store.SaveAsync(new RunRecord { Result = SyntheticRuns.Run(seed: 1) }, TestContext.Current.CancellationToken);
        }

        var (exitCode, _, error) = await RunCliAsync("compare", "1", "--store", StorePath);

        exitCode.ShouldBe(ExitCodes.BadInput);
        error.ShouldContain("error: no baseline 'last-passed' for plan 'checkout' before #1 checkout");
    }
}
