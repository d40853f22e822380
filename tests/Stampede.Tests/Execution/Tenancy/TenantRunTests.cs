using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;
using Stampede.DemoTarget;
using Stampede.Execution;
using Stampede.Execution.Tenancy;
using Stampede.Metrics;
using Stampede.Plans;
using Stampede.Plans.Tenants;
using Stampede.Protocols.Llm;
using Xunit;

namespace Stampede.Tests.Execution.Tenancy;

/// <summary>Tenants created, used and deleted through the real demo target's <c>/v1/orgs</c> API.</summary>
public sealed class TenantRunTests : IAsyncLifetime
{
    private DemoTargetServer _server = null!;
    private HttpClient _http = null!;
    private readonly string _folder = Directory.CreateTempSubdirectory("stampede-tenants-").FullName;

    public async ValueTask InitializeAsync()
    {
        _server = await DemoTargetServer.StartAsync(FastAnswers(new DemoTargetOptions { Port = 0, SeedDemoOrg = false }));
        _http = new HttpClient { BaseAddress = _server.BaseAddress };
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    internal static DemoTargetOptions FastAnswers(DemoTargetOptions options) => options with
    {
        TimeToFirstTokenMean = TimeSpan.FromMilliseconds(5),
        TimeToFirstTokenStdDev = TimeSpan.Zero,
        InterTokenDelayMean = TimeSpan.FromMilliseconds(1),
        InterTokenDelayStdDev = TimeSpan.Zero,
        AnswerTokensMean = 8,
        AnswerTokensStdDev = 2,
    };

    private TestPlan Plan(TenantPlan tenants, Func<VuContext, Task> iteration, int vus, int iterations, Action<TestPlanBuilder>? more = null)
    {
        var builder = TestPlan.Create("tenants").BaseUrl(_server.BaseAddress.ToString()).Tenants(tenants)
            .Scenario("chat", s => s.PerVuIterations(vus, iterations).Iteration(iteration));
        more?.Invoke(builder);
        return builder.Build();
    }

    private static async Task Ask(VuContext vu)
    {
        var result = await vu.Llm.ChatAsync(new LlmOptions(), $"question {vu.Id}.{vu.Iteration}");
        vu.Check("answered", result.Ok);
    }

    private async Task<JsonElement> Orgs() =>
        await _http.GetFromJsonAsync<JsonElement>("/v1/orgs", TestContext.Current.CancellationToken);

    [Fact]
    public async Task RunAsync_CreatesThePlannedOrganisationsUsersAndKeys_EachVuActingAsOneUser()
    {
        var tenants = new TenantPlan { Organizations = 3, Users = UserCountDistribution.Uniform(2, 5), RunId = "fixed1", KeepData = true };
        var seen = new ConcurrentDictionary<int, TenantUser>();
        var expected = TenantLayout.Of(tenants, seed: 1, runId: "fixed1");
        var users = expected.Sum(o => o.UserEmails.Count);

        var result = await new Engine().RunAsync(Plan(tenants, vu =>
        {
            seen[vu.Id] = vu.Tenant!;
            return Task.CompletedTask;
        }, vus: users, iterations: 1));

        var orgs = (await Orgs()).GetProperty("orgs").EnumerateArray().ToList();
        orgs.Select(o => o.GetProperty("slug").GetString()).ShouldBe(expected.Select(o => o.Slug));
        orgs.Select(o => o.GetProperty("users").GetInt32()).ShouldBe(expected.Select(o => o.UserEmails.Count));
        orgs.Select(o => o.GetProperty("keys").GetInt32()).ShouldBe(expected.Select(o => o.UserEmails.Count));
        seen.Values.Select(u => u.Email).Distinct().Count().ShouldBe(users);
        seen.Values.ShouldAllBe(u => u.ApiKey.StartsWith("sk-" + u.Organization, StringComparison.Ordinal));
        result.Tenants.ShouldNotBeNull().Tenants.Select(t => t.Users).ShouldBe(expected.Select(o => o.UserEmails.Count));
        result.Tenants.Cleanup.ShouldBeNull();
    }

    [Fact]
    public async Task RunAsync_AfterTheRun_LeavesNoOrganisationUserOrKeyAndNoManifest()
    {
        var manifest = Path.Combine(_folder, "m-{run}.json");
        var result = await new Engine().RunAsync(Plan(new TenantPlan { Organizations = 2, Users = UserCountDistribution.Fixed(3), Manifest = manifest }, Ask, vus: 6, iterations: 1));

        var orgs = await Orgs();
        orgs.GetProperty("orgs").GetArrayLength().ShouldBe(0);
        orgs.GetProperty("keys").GetInt32().ShouldBe(0);
        var cleanup = result.Tenants.ShouldNotBeNull().Cleanup.ShouldNotBeNull();
        (cleanup.DeletedOrganizations, cleanup.DeletedUsers, cleanup.DeletedKeys).ShouldBe((2, 6, 6));
        cleanup.Failures.ShouldBeEmpty();
        Directory.GetFiles(_folder).ShouldBeEmpty();
    }

    [Fact]
    public async Task RunAsync_StoppedMidRun_StillCleansUp()
    {
        var control = new RunControl();
        var result = await new Engine(new EngineOptions { Control = control }).RunAsync(Plan(new TenantPlan { Organizations = 2, Users = UserCountDistribution.Fixed(2) }, async vu =>
        {
            await Ask(vu);
            control.RequestHardStop("interrupted by SIGTERM");
        }, vus: 4, iterations: 1000));

        result.Meta.StopReason.ShouldBe("interrupted by SIGTERM");
        (await Orgs()).GetProperty("orgs").GetArrayLength().ShouldBe(0);
        (await Orgs()).GetProperty("keys").GetInt32().ShouldBe(0);
        result.Tenants!.Cleanup!.DeletedOrganizations.ShouldBe(2);
    }

    [Fact]
    public async Task RunAsync_SetupFailsHalfWay_DeletesWhatItMadeAndSaysWhy()
    {
        var ran = 0;
        var broken = TenantApi.DemoTarget with { IssueKey = new TenantCall("POST", "/v1/orgs/{org}/users/{user}/no-such-keys") };
        var result = await new Engine().RunAsync(Plan(new TenantPlan { Organizations = 2, Users = UserCountDistribution.Fixed(2), Api = broken }, _ =>
        {
            Interlocked.Increment(ref ran);
            return Task.CompletedTask;
        }, vus: 1, iterations: 1));

        ran.ShouldBe(0);
        result.Meta.StopReason.ShouldNotBeNull().ShouldStartWith("setup failed: tenants: issuing a key to user-");
        result.Tenants!.SetupError.ShouldNotBeNull().ShouldContain("404");
        result.Tenants.Cleanup!.DeletedOrganizations.ShouldBe(1);
        result.Tenants.Cleanup.DeletedUsers.ShouldBeGreaterThanOrEqualTo(1);
        (await Orgs()).GetProperty("orgs").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task RunAsync_CostPerTenant_EqualsTheTargetsOwnAccountingToTheCent()
    {
        var result = await new Engine().RunAsync(Plan(new TenantPlan { Organizations = 3, Users = UserCountDistribution.Fixed(2), KeepData = true, BudgetUsd = 100 }, async vu =>
        {
            var result = await vu.Llm.ChatAsync(new LlmOptions { Model = "demo-large" }, new string('x', 400 * vu.Id));
            vu.Check("answered", result.Ok);
        }, vus: 6, iterations: 3));

        foreach (var row in result.Tenants!.Tenants)
        {
            var org = await _http.GetFromJsonAsync<JsonElement>($"/v1/orgs/{row.Organization}", TestContext.Current.CancellationToken);
            var billed = org.GetProperty("spentUsd").GetDecimal();
            billed.ShouldBeGreaterThan(0m);
            Math.Round((decimal)row.CostUsd, 2).ShouldBe(Math.Round(billed, 2));
            ((decimal)row.CostUsd).ShouldBe(billed, 0.000001m);
            row.Requests.ShouldBe(6);
            row.ErrorRate.ShouldBe(0);
        }

        result.Checks.Single().Fails.ShouldBe(0);
    }

    [Fact]
    public async Task RunAsync_SamplesCarryTenantAndCappedUserTags_AndThresholdsSelectATenant()
    {
        var result = await new Engine().RunAsync(Plan(new TenantPlan { Organizations = 2, Users = UserCountDistribution.Fixed(3), TagUsers = true, MaxUserTags = 4 }, Ask, vus: 6, iterations: 1,
            b => b.Threshold("llm_requests{tenant:org-2}", "count==3").Threshold("llm_requests{tenant:org-1}", "count==4")));

        var requests = result.Metric("llm_requests")!.Series;
        requests.Select(s => s.Tags["tenant"]).Distinct().Order().ShouldBe(["org-1", "org-2"]);
        requests.Select(s => s.Tags["user"]).Distinct().Order().ShouldBe(["org-1/user-1", "org-1/user-2", "org-1/user-3", "org-2/user-1", "other"]);
        result.Tenants!.UsersPastTagCap.ShouldBe(2);
        result.Thresholds.Select(t => t.Outcome).ShouldBe([ThresholdOutcomeNames.Passed, ThresholdOutcomeNames.Failed]);
    }

    [Fact]
    public async Task RunAsync_CostLimitPerTenant_StopsTheRunWithTheReason()
    {
        var result = await new Engine().RunAsync(Plan(new TenantPlan
        {
            Organizations = 2,
            Users = UserCountDistribution.Fixed(1),
            Limits = new TenantLimits { CostPerTenantUsd = 0.0001m },
        }, async vu =>
        {
            await vu.Llm.ChatAsync(new LlmOptions { Model = "demo-large" }, new string('x', 2000));
            await vu.SleepAsync(TimeSpan.FromMilliseconds(20));
        }, vus: 2, iterations: 10_000));

        result.Meta.StopReason.ShouldNotBeNull().ShouldStartWith("tenant limit costPerTenant reached: org-");
        result.Scenarios.Single().Iterations.ShouldBeLessThan(20_000);
    }
}
