using System.Text.Json.Nodes;
using Stampede.Cli.Tests.Support;
using Stampede.DemoTarget;

namespace Stampede.Cli.Tests.Commands;

/// <summary>
/// <c>--summary-export</c> on runs that are not k6 scripts: CI scripts written for k6's export keep working when a
/// suite moves to YAML plans or quick tests.
/// </summary>
public sealed class SummaryExportTests : CommandTestBase, IAsyncLifetime
{
    private DemoTargetServer _target = null!;

    public async ValueTask InitializeAsync() => _target = await DemoTargetServer.StartAsync(new DemoTargetOptions { Port = 0 });

    public async ValueTask DisposeAsync() => await _target.DisposeAsync();

    [Fact]
    public async Task SummaryExport_OfAYamlPlan_IsK6sExportWithItsCountsChecksAndThresholds()
    {
        var plan = PathFor("plan.yaml");
        File.WriteAllText(plan, $$"""
            name: export
            baseUrl: {{_target.BaseAddress}}
            scenarios:
              health:
                executor: per-vu-iterations
                vus: 2
                iterations: 3
                flow:
                  - get: /api/health
                    check: { status: 200 }
            thresholds:
              http_req_failed: ["rate<0.5"]
            """);
        var export = PathFor("out/summary.json");

        var (exit, _, error) = await RunCliAsync("run", plan, "--no-history", "--quiet", "--no-summary", "--summary-export", export);

        exit.ShouldBe(ExitCodes.Ok, error);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(export))!.AsObject();
        json["metrics"]!["http_reqs"]!["count"]!.GetValue<double>().ShouldBe(6);
        json["metrics"]!["http_req_failed"]!["thresholds"]!["rate<0.5"]!.GetValue<bool>().ShouldBeFalse();
        json["metrics"]!["http_req_duration"]!["p(95)"]!.GetValue<double>().ShouldBeGreaterThan(0);
        json["metrics"]!["checks"]!["passes"]!.GetValue<double>().ShouldBe(6);
    }

    [Fact]
    public async Task SummaryExport_OfAQuickTest_CountsItsRequests()
    {
        var export = PathFor("quick.json");

        var (exit, _, error) = await RunCliAsync("run", "--url", new Uri(_target.BaseAddress, "/api/health").ToString(), "--vus", "1", "--iterations", "5", "--no-history", "--quiet", "--no-summary", "--summary-export", export);

        exit.ShouldBe(ExitCodes.Ok, error);
        JsonNode.Parse(await File.ReadAllTextAsync(export))!["metrics"]!["http_reqs"]!["count"]!.GetValue<double>().ShouldBe(5);
    }

    [Fact]
    public async Task SummaryExport_ThatCannotBeWritten_FailsTheRunWithTheReason()
    {
        var blocker = PathFor("file");
        File.WriteAllText(blocker, "");

        var (exit, _, error) = await RunCliAsync("run", "--url", new Uri(_target.BaseAddress, "/api/health").ToString(), "--vus", "1", "--iterations", "1", "--no-history", "--quiet", "--no-summary", "--summary-export", Path.Combine(blocker, "summary.json"));

        exit.ShouldBe(ExitCodes.Failure);
        error.ShouldContain("could not write");
    }
}
