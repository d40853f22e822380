using Shouldly;
using Stampede.Execution.Tenancy;
using Stampede.Plans.Tenants;
using Xunit;

namespace Stampede.Tests.Execution.Tenancy;

public sealed class TenantLayoutTests
{
    [Fact]
    public void Of_FixedUsers_NamesEveryOrganisationWithItsIndexAndTheRunId()
    {
        var layout = TenantLayout.Of(new TenantPlan { Organizations = 3, Users = UserCountDistribution.Fixed(2) }, seed: 1, runId: "abc123");

        layout.Select(o => o.Slug).ShouldBe(["loadtest-org-1-abc123", "loadtest-org-2-abc123", "loadtest-org-3-abc123"]);
        layout.Select(o => o.Tag).ShouldBe(["org-1", "org-2", "org-3"]);
        layout.ShouldAllBe(o => o.UserEmails.Count == 2);
        layout[1].UserEmails.ShouldBe(["user-1@loadtest-org-2-abc123.example", "user-2@loadtest-org-2-abc123.example"]);
    }

    [Fact]
    public void Of_PatternPlacingTheRunId_PutsItThereInstead()
    {
        var layout = TenantLayout.Of(new TenantPlan { Name = "t{run}-{index}" }, seed: 1, runId: "r9");

        layout.Single().Slug.ShouldBe("tr9-1");
    }

    [Fact]
    public void Of_SameSeed_SameLayout_OtherSeed_OtherCounts()
    {
        var plan = new TenantPlan { Organizations = 2, OrganizationsMax = 40, Users = UserCountDistribution.Uniform(1, 50) };

        var first = TenantLayout.Of(plan, seed: 7, runId: "a").Select(o => o.UserEmails.Count).ToList();
        var again = TenantLayout.Of(plan, seed: 7, runId: "a").Select(o => o.UserEmails.Count).ToList();
        var other = TenantLayout.Of(plan, seed: 8, runId: "a").Select(o => o.UserEmails.Count).ToList();

        again.ShouldBe(first);
        other.ShouldNotBe(first);
        first.Count.ShouldBeInRange(2, 40);
        first.ShouldAllBe(n => n >= 1 && n <= 50);
    }

    [Fact]
    public void Of_UniformUsers_CoversTheRangeAndNothingOutside()
    {
        var layout = TenantLayout.Of(new TenantPlan { Organizations = 400, Users = UserCountDistribution.Uniform(3, 6) }, seed: 1, runId: "a");

        layout.Select(o => o.UserEmails.Count).Distinct().Order().ShouldBe([3, 4, 5, 6]);
    }

    [Fact]
    public void Of_GaussianUsers_MeanAndSpreadFollowTheParameters()
    {
        var counts = TenantLayout.Of(new TenantPlan { Organizations = 1000, Users = UserCountDistribution.Gaussian(40, 5) }, seed: 3, runId: "a")
            .Select(o => (double)o.UserEmails.Count).ToList();
        var mean = counts.Average();
        var stddev = Math.Sqrt(counts.Sum(c => (c - mean) * (c - mean)) / counts.Count);

        mean.ShouldBeInRange(39.0, 41.0);
        stddev.ShouldBeInRange(4.3, 5.7);
    }

    [Fact]
    public void Of_GaussianUsers_NeverBelowOneUser()
    {
        var counts = TenantLayout.Of(new TenantPlan { Organizations = 500, Users = UserCountDistribution.Gaussian(1, 10) }, seed: 3, runId: "a")
            .Select(o => o.UserEmails.Count);

        counts.Min().ShouldBe(1);
    }

    [Fact]
    public void Of_BudgetPerTenant_OverridesTheDefaultBudget()
    {
        var layout = TenantLayout.Of(new TenantPlan { Organizations = 3, BudgetUsd = 5, Budgets = new Dictionary<string, decimal> { ["org-2"] = 0.01m } }, seed: 1, runId: "a");

        layout.Select(o => o.BudgetUsd).ShouldBe([5m, 0.01m, 5m]);
    }
}
