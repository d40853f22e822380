using Shouldly;
using Stampede.Plans;
using Stampede.Plans.Tenants;
using Xunit;

namespace Stampede.Tests.Plans.Tenants;

public sealed class TenantValidationTests
{
    private static IReadOnlyList<PlanError> Validate(TenantPlan tenants, string? baseUrl = "http://127.0.0.1:1/")
    {
        var builder = TestPlan.Create("t").Tenants(tenants).Scenario("s", s => s.PerVuIterations(1, 1).Iteration(_ => Task.CompletedTask));
        if (baseUrl is not null)
        {
            builder.BaseUrl(baseUrl);
        }

        builder.Build(out var errors);
        return errors;
    }

    [Fact]
    public void Validate_DefaultTenants_HasNoProblem() => Validate(new TenantPlan()).ShouldBeEmpty();

    [Fact]
    public void Validate_BadValues_ReportsEveryProblemAtOnce()
    {
        var errors = Validate(new TenantPlan
        {
            Organizations = 0,
            Name = "Org-{index}",
            Users = UserCountDistribution.Uniform(5, 2),
            Budgets = new Dictionary<string, decimal> { ["org-9"] = 1 },
            Api = TenantApi.DemoTarget with { InviteUser = new TenantCall("FETCH", "/v1/orgs/{org}/{team}") },
            RunId = "Not_Valid",
        });

        errors.Select(e => e.Path).ShouldBe(
            ["tenants.organizations", "tenants.name", "tenants.users.max", "tenants.budgets.org-9", "tenants.api.inviteUser.method", "tenants.api.inviteUser.path", "tenants.runId"],
            ignoreOrder: true);
        errors.Single(e => e.Path == "tenants.api.inviteUser.path").Message.ShouldContain("{team}");
    }

    [Fact]
    public void Validate_NameWithoutIndex_SaysWhy() =>
        Validate(new TenantPlan { Name = "org" }).Single().Message.ShouldContain("{index}");

    [Fact]
    public void Validate_RelativeApiWithoutBaseUrl_AsksForOne() =>
        Validate(new TenantPlan(), baseUrl: null).Single().Message.ShouldContain("baseUrl");

    [Fact]
    public void Validate_IsolationOnOneOrganisation_NeedsAnother()
    {
        var errors = Validate(new TenantPlan { Organizations = 1, Isolation = new IsolationPlan { Exhaust = "org-2" } });

        errors.Select(e => e.Path).ShouldBe(["tenants.isolation.exhaust", "tenants.isolation"], ignoreOrder: true);
    }

    [Fact]
    public void Validate_GaussianWithNegativeSpread_IsRejected() =>
        Validate(new TenantPlan { Users = UserCountDistribution.Gaussian(10, -1) }).Single().Path.ShouldBe("tenants.users.stddev");
}
