using Stampede.Cli.Tests.Support;
using Stampede.History.Store;

namespace Stampede.Cli.Tests.Commands;

public sealed class ShowCommandTests : CommandTestBase
{
    [Fact]
    public async Task Show_StoredRunWithASpike_PrintsSummaryAndTheAnomaly()
    {
        await using (var store = RunStores.Open(StorePath))
        {
            var run = SyntheticRuns.Run(seed: 1, seconds: 90, shape: (second, value) => second is 40 or 41 ? value * 8 : value);
            await store.SaveAsync(new RunRecord { Result = run, GitCommit = "0123456789abcdef" }, TestContext.Current.CancellationToken);
        }

        var (exitCode, output, _) = await RunCliAsync("show", "1", "--store", StorePath);

        exitCode.ShouldBe(ExitCodes.Ok);
        output.ShouldContain("run #1 checkout");
        output.ShouldContain("commit 0123456789abcdef");
        output.ShouldContain("http_req_duration");
        output.ShouldContain("latency spike   http_req_duration:p95 seconds 40–41");
    }

    [Fact]
    public async Task Show_StoredRunWithTenants_PrintsItsTenantTable()
    {
        var row = new Stampede.Metrics.TenantRow { Tenant = "org-1", Organization = "acme-r1", Users = 2, Requests = 40, ErrorRate = 0.25, P95Ms = 12.5, CostUsd = 0.0042 };
        await using (var store = RunStores.Open(StorePath))
        {
            var run = SyntheticRuns.Run(seed: 1, seconds: 5) with { Tenants = new Stampede.Metrics.TenantsResult { RunId = "r1", Tenants = [row] } };
            await store.SaveAsync(new RunRecord { Result = run }, TestContext.Current.CancellationToken);
        }

        var (exitCode, output, _) = await RunCliAsync("show", "1", "--store", StorePath, "--no-color");

        exitCode.ShouldBe(ExitCodes.Ok);
        output.ShouldContain("TENANTS (run r1)");
        output.ShouldContain("acme-r1");
        output.ShouldContain("$0.0042");
        output.ShouldContain("25.00%");
    }

    [Fact]
    public async Task Show_UnknownRun_Exits2()
    {
        var (exitCode, _, error) = await RunCliAsync("show", "7", "--store", StorePath);

        exitCode.ShouldBe(ExitCodes.BadInput);
        error.ShouldContain("no run '7'");
    }
}
