using Shouldly;
using Stampede.DemoTarget;
using Stampede.Execution;
using Stampede.Metrics;
using Stampede.Plans;
using Stampede.Plans.Tenants;
using Stampede.Protocols.Llm;
using Xunit;

namespace Stampede.Tests.Execution.Tenancy;

/// <summary>The isolation verdict on the real demo target, with its budgets isolated and with them broken on purpose.</summary>
public sealed class TenantIsolationTests
{
    private static async Task<RunResult> RunExhaustingOrg2(bool leakyBudgets)
    {
        await using var server = await DemoTargetServer.StartAsync(TenantRunTests.FastAnswers(new DemoTargetOptions { Port = 0, SeedDemoOrg = false, LeakyBudgets = leakyBudgets }));
        var plan = TestPlan.Create("isolation").BaseUrl(server.BaseAddress.ToString())
            .Tenants(new TenantPlan
            {
                Organizations = 3,
                Users = UserCountDistribution.Fixed(1),
                BudgetUsd = 100,
                // About twenty requests' worth: spent a second or so into the run, so there is a phase before.
                Budgets = new Dictionary<string, decimal> { ["org-2"] = 0.0012m },
                Isolation = new IsolationPlan { Exhaust = "org-2" },
            })
            .Scenario("chat", s => s.ConstantVus(3, "4s").Iteration(async vu =>
            {
                await vu.Llm.ChatAsync(new LlmOptions(), new string('q', 400));
                await vu.SleepAsync(TimeSpan.FromMilliseconds(40));
            }))
            .Build();
        return await new Engine().RunAsync(plan);
    }

    [Fact]
    public async Task RunAsync_IsolatedBudgets_VerdictIsIsolatedWithEvidence()
    {
        var result = await RunExhaustingOrg2(leakyBudgets: false);

        var isolation = result.Tenants!.Isolation.ShouldNotBeNull();
        isolation.Verdict.ShouldBe("isolated", string.Join("; ", isolation.Evidence.Select(e => $"{e.Tenant}: {e.Reason}")));
        isolation.ExhaustedAtSecond.ShouldNotBeNull();
        var org2 = isolation.Evidence.Single(e => e.Tenant == "org-2");
        (org2.Expected, org2.Passed).ShouldBe(("throttled", true));
        org2.Throttled.ShouldBeGreaterThan(0);
        isolation.Evidence.Where(e => e.Tenant != "org-2").ShouldAllBe(e => e.Expected == "unaffected" && e.Passed && e.Throttled == 0 && e.ErrorRateAfter == 0);
    }

    [Fact]
    public async Task RunAsync_LeakyBudgets_VerdictIsLeakedNamingTheTenantsHit()
    {
        var result = await RunExhaustingOrg2(leakyBudgets: true);

        var isolation = result.Tenants!.Isolation.ShouldNotBeNull();
        isolation.Verdict.ShouldBe("leaked");
        var hit = isolation.Evidence.Where(e => !e.Passed).Select(e => e.Tenant).Order().ToList();
        hit.ShouldBe(["org-1", "org-3"]);
        isolation.Evidence.Single(e => e.Tenant == "org-1").Reason.ShouldContain("refused with 429");
    }
}
