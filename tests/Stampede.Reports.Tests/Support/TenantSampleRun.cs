using Stampede.Execution;
using Stampede.Metrics;
using Stampede.Outputs;
using Stampede.Plans;
using Stampede.Plans.Tenants;
using Stampede.Protocols.Llm;

namespace Stampede.Reports.Tests.Support;

/// <summary>
/// A short real multi-tenant run against the demo target: two organisations of two users each (tagged per user),
/// every iteration a passing and a failing (404) HTTP request and a chat answer that costs; <c>org-2</c>'s budget
/// runs out after its first answers, so its later chats fail with 429. What the export tests compare against.
/// </summary>
internal static class TenantSampleRun
{
    public static readonly string[] Tenants = ["org-1", "org-2"];

    public static async Task<RunResult> RunAsync(IReadOnlyList<IOutput> outputs)
    {
        await using var server = await FastChatTarget.StartAsync();
        var address = server.BaseAddress.ToString().TrimEnd('/');
        var tenants = new TenantPlan
        {
            Organizations = 2,
            Users = UserCountDistribution.Fixed(2),
            TagUsers = true,
            BudgetUsd = 100,
            Budgets = new Dictionary<string, decimal> { ["org-2"] = 0.00002m },
        };
        var plan = TestPlan.Create("tenants").BaseUrl(address).Tenants(tenants)
            .Scenario("orgs", s => s.PerVuIterations(4, 8).Iteration(async vu =>
            {
                await vu.Http.GetAsync(address + "/api/health");
                await vu.Http.GetAsync(address + "/api/missions/987654321");
                await vu.Llm.ChatAsync(new LlmOptions { Model = "demo-large" }, $"question {vu.Id}.{vu.Iteration}");
                // Spreads the run over a few seconds, so a scraper sees the counters grow and rate() has points.
                await vu.SleepAsync(0.4);
            }))
            .Build();
        return await new Engine(new EngineOptions { Outputs = outputs, Host = "test-host" }).RunAsync(plan);
    }
}
