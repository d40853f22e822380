using System.Net.Http.Json;
using System.Text.Json;
using Stampede.Cli;
using Stampede.DemoTarget;
using Stampede.Metrics;

namespace Stampede.Yaml.Tests.Tenancy;

/// <summary>A YAML plan with <c>tenants:</c> run through the real CLI against the demo target.</summary>
public sealed class TenantPlanRunTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("stampede-yaml-tenants-").FullName;
    private DemoTargetServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await DemoTargetServer.StartAsync(new DemoTargetOptions
    {
        Port = 0,
        SeedDemoOrg = false,
        TimeToFirstTokenMean = TimeSpan.FromMilliseconds(5),
        TimeToFirstTokenStdDev = TimeSpan.Zero,
        InterTokenDelayMean = TimeSpan.FromMilliseconds(1),
        InterTokenDelayStdDev = TimeSpan.Zero,
        AnswerTokensMean = 6,
        AnswerTokensStdDev = 1,
    });

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private string Write(string tenantsExtra = "")
    {
        var path = Path.Combine(_folder, "plan.yaml");
        File.WriteAllText(path, $$$"""
            name: tenants-yaml
            baseUrl: {{{_server.BaseAddress}}}
            tenants:
              organizations: 2
              users: 3
              manifest: {{{_folder}}}/m-{run}.json
            {{{tenantsExtra}}}
            scenarios:
              ask:
                executor: per-vu-iterations
                vus: 6
                iterations: 2
                flow:
                  - get: "/v1/orgs/{{ tenant.slug }}"
                    check: { status: 200, "json.users": 3 }
                  - llm: /v1/chat/completions
                    prompt: "{{ question }}"
                    conversation: { turns: 2 }
                    check: { ok: true }
            thresholds:
              "llm_requests{tenant:org-1}": [ "count==12" ]
              "checks{tenant:org-2}": [ "rate==1" ]
            """);
        return path;
    }

    private async Task<JsonElement> Orgs()
    {
        using var http = new HttpClient { BaseAddress = _server.BaseAddress };
        return await http.GetFromJsonAsync<JsonElement>("/v1/orgs", TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Run_TenantPlan_UsesEachUsersKeyAndCleansUp()
    {
        var json = Path.Combine(_folder, "result.json");
        var host = new TestConsoleHost();

        var exit = await StampedeCli.RunAsync(["run", Write(), "--quiet", "--no-history", "--out", $"json={json}"], host);

        exit.ShouldBe(ExitCodes.Ok, host.Errors + host.Output);
        var result = RunResultJson.Deserialize(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken));
        result.Checks.ShouldAllBe(c => c.Fails == 0);
        var tenants = result.Tenants.ShouldNotBeNull();
        tenants.Tenants.Select(t => (t.Tenant, t.Users, t.Requests)).ShouldBe([("org-1", 3, 18.0), ("org-2", 3, 18.0)]);
        tenants.Tenants.ShouldAllBe(t => t.CostUsd > 0 && t.ErrorRate == 0);
        tenants.Cleanup!.Failures.ShouldBeEmpty();
        host.Output.ShouldContain("TENANTS (run ");
        host.Output.ShouldContain("cleanup: deleted 6 keys, 6 users, 2 organisations");
        (await Orgs()).GetProperty("orgs").GetArrayLength().ShouldBe(0);
        Directory.GetFiles(_folder, "m-*.json").ShouldBeEmpty();
    }

    [Fact]
    public async Task Run_KeepData_LeavesTheDataAndAManifestThatCleanupDeletes()
    {
        var host = new TestConsoleHost();

        var exit = await StampedeCli.RunAsync(["run", Write(), "--quiet", "--no-history", "--keep-data"], host);

        exit.ShouldBe(ExitCodes.Ok, host.Errors + host.Output);
        (await Orgs()).GetProperty("orgs").GetArrayLength().ShouldBe(2);
        var manifest = Directory.GetFiles(_folder, "m-*.json").ShouldHaveSingleItem();
        host.Output.ShouldContain($"stampede cleanup {manifest}");

        var cleanup = new TestConsoleHost();
        (await StampedeCli.RunAsync(["cleanup", manifest], cleanup)).ShouldBe(ExitCodes.Ok, cleanup.Errors);

        cleanup.Output.ShouldContain("deleted 6 keys, 6 users, 2 organisations");
        var orgs = await Orgs();
        orgs.GetProperty("orgs").GetArrayLength().ShouldBe(0);
        orgs.GetProperty("keys").GetInt32().ShouldBe(0);
        File.Exists(manifest).ShouldBeFalse();
    }

    [Fact]
    public async Task Run_InterruptedBySigtermTwice_StillLeavesNothingOnTheTarget()
    {
        var path = Path.Combine(_folder, "long.yaml");
        File.WriteAllText(path, $$$"""
            name: tenants-interrupted
            baseUrl: {{{_server.BaseAddress}}}
            tenants: { organizations: 3, users: 2, manifest: "{{{_folder}}}/m-{run}.json" }
            scenarios:
              ask:
                executor: constant-vus
                vus: 6
                duration: 60s
                flow:
                  - llm: /v1/chat/completions
                    prompt: "{{ question }}"
                  - think: 50ms
            """);
        var host = new TestConsoleHost();

        var run = StampedeCli.RunAsync(["run", path, "--quiet", "--no-history"], host);
        while ((await Orgs()).GetProperty("orgs").GetArrayLength() < 3 || (await Orgs()).GetProperty("orgs")[2].GetProperty("requests").GetInt64() == 0)
        {
            run.IsCompleted.ShouldBeFalse(host.Errors + host.Output);
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        host.RaiseSignal("terminated (SIGTERM)");
        host.RaiseSignal("terminated (SIGTERM)");
        await run.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        host.Output.ShouldContain("Run stopped early: terminated (SIGTERM)");
        host.Output.ShouldContain("cleanup: deleted 6 keys, 6 users, 3 organisations");
        var orgs = await Orgs();
        orgs.GetProperty("orgs").GetArrayLength().ShouldBe(0);
        orgs.GetProperty("keys").GetInt32().ShouldBe(0);
        Directory.GetFiles(_folder, "m-*.json").ShouldBeEmpty();
    }

    [Fact]
    public async Task Cleanup_NotAManifest_IsBadInputWithTheFileAndLine()
    {
        var path = Path.Combine(_folder, "bad.json");
        await File.WriteAllTextAsync(path, "{\n  \"format\": \"stampede-tenants\",\n  \"runId\": 3,\n}", TestContext.Current.CancellationToken);
        var host = new TestConsoleHost();

        var exit = await StampedeCli.RunAsync(["cleanup", path], host);

        exit.ShouldBe(ExitCodes.BadInput);
        host.Errors.ShouldContain($"{path}:3:");
        host.Errors.ShouldNotContain("   at ");
    }
}
