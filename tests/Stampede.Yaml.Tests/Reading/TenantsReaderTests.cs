using Stampede.Plans.Tenants;

namespace Stampede.Yaml.Tests.Reading;

public sealed class TenantsReaderTests
{
    private static PlanLoadResult Load(string tenants, string flow = "{ get: /api/health }") => YamlPlanLoader.LoadText(
        $"name: t\nbaseUrl: http://127.0.0.1:1\ntenants:\n{tenants}\nscenarios:\n  a:\n    flow:\n      - {flow}\n", "t.yaml", ".");

    [Fact]
    public void Load_FullTenants_ReadsEverySetting()
    {
        var result = Load("""
              organizations: 2..4
              name: perf-{index}-{run}
              users: { mean: 30, stddev: 5 }
              budget: 2.5
              budgets: { org-2: 0.01 }
              tagUsers: true
              maxUserTags: 50
              keepData: yes
              runId: abc
              manifest: out/t-{run}.json
              cleanupAttempts: 5
              api:
                inviteUser: { path: "/v1/orgs/{org}/members", body: '{"mail":"{email}"}' }
                deleteOrg: DELETE /v1/orgs/{org}?force=true
                userId: data.id
              isolation: { exhaust: org-2, expect: { org-2: throttled, others: unaffected }, errorRateTolerance: 2%, latencyTolerance: 100% }
              limits: { cost: 10, costPerTenant: 4, errorRate: 5%, errorRatePerTenant: 0.1, minRequests: 50 }
            """.Replace("\n", "\n  ", StringComparison.Ordinal).Insert(0, "  "));

        result.Errors.ShouldBeEmpty();
        var t = result.Plan!.Tenants.ShouldNotBeNull();
        (t.Organizations, t.OrganizationsMax, t.Name).ShouldBe((2, 4, "perf-{index}-{run}"));
        t.Users.ShouldBe(UserCountDistribution.Gaussian(30, 5));
        (t.BudgetUsd, t.Budgets["org-2"], t.TagUsers, t.MaxUserTags, t.KeepData, t.RunId, t.Manifest, t.CleanupAttempts).ShouldBe((2.5m, 0.01m, true, 50, true, "abc", "out/t-{run}.json", 5));
        t.Api.InviteUser.ShouldBe(new TenantCall("POST", "/v1/orgs/{org}/members", """{"mail":"{email}"}"""));
        t.Api.DeleteOrganization.ShouldBe(new TenantCall("DELETE", "/v1/orgs/{org}?force=true"));
        t.Api.IssueKey.ShouldBe(TenantApi.DemoTarget.IssueKey);
        t.Api.UserIdPath.ShouldBe("data.id");
        var isolation = t.Isolation.ShouldNotBeNull();
        (isolation.Exhaust, isolation.ErrorRateTolerance, isolation.LatencyTolerance).ShouldBe(("org-2", 0.02, 1.0));
        isolation.ExpectationOf("org-3").ShouldBe(TenantExpectation.Unaffected);
        t.Limits.ShouldBe(new TenantLimits { CostUsd = 10, CostPerTenantUsd = 4, ErrorRate = 0.05, ErrorRatePerTenant = 0.1, MinRequests = 50 });
    }

    [Theory]
    [InlineData("  users: 5", 5, 5)]
    [InlineData("  users: { min: 2, max: 9 }", 2, 9)]
    public void Load_Users_FixedOrUniform(string users, int min, int max)
    {
        var distribution = Load(users).Plan!.Tenants!.Users;

        distribution.ShouldBe(min == max ? UserCountDistribution.Fixed(min) : UserCountDistribution.Uniform(min, max));
    }

    [Fact]
    public void Load_TenantTemplates_AreKnownNamesWithTenants()
    {
        var result = Load("  organizations: 1", "{ get: /x, headers: { Authorization: \"Bearer {{ tenant.key }}\" } }");

        result.Errors.ShouldBeEmpty();
    }

    [Fact]
    public void Load_TenantTemplateWithoutTenants_IsLocated()
    {
        var result = YamlPlanLoader.LoadText("name: t\nbaseUrl: http://127.0.0.1:1\nscenarios:\n  a:\n    flow:\n      - { get: \"/x/{{ tenant.org }}\" }\n", "t.yaml", ".");

        var error = result.Errors.ShouldHaveSingleItem();
        error.Message.ShouldContain("no tenants: section");
        (error.Location!.Line, error.Location.Column).ShouldBe((6, 20));
    }

    [Fact]
    public void Load_LibraryRangeProblem_IsLocatedAtItsKey()
    {
        var result = Load("  organizations: 3\n  budgets: { org-7: 1 }");

        var error = result.Errors.ShouldHaveSingleItem();
        error.Path.ShouldBe("tenants.budgets.org-7");
        error.Location!.Line.ShouldBe(5);
    }

    [Fact]
    public void Load_BothUniformAndGaussian_SaysChooseOne() =>
        Load("  users: { min: 1, max: 3, mean: 2 }").Errors.ShouldHaveSingleItem().Message.ShouldContain("not both");
}
