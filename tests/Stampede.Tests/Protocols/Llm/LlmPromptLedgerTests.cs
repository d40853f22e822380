using Shouldly;
using Stampede.DemoTarget;
using Stampede.Execution;
using Stampede.Plans;
using Stampede.Protocols.Llm;
using Stampede.Tests.Execution.Tenancy;
using Xunit;

namespace Stampede.Tests.Protocols.Llm;

public sealed class LlmPromptLedgerTests
{
    [Fact]
    public void IsNew_SecondTimeSamePrompt_IsFalse()
    {
        var ledger = new LlmPromptLedger();

        (ledger.IsNew("a"), ledger.IsNew("b"), ledger.IsNew("a")).ShouldBe((true, true, false));
    }

    [Fact]
    public async Task RunAsync_RepeatedPrompts_LowerLlmPromptUnique()
    {
        await using var server = await DemoTargetServer.StartAsync(TenantRunTests.FastAnswers(new DemoTargetOptions { Port = 0 }));
        var plan = TestPlan.Create("unique").BaseUrl(server.BaseAddress.ToString())
            .Scenario("ask", s => s.PerVuIterations(2, 4).Iteration(vu =>
                vu.Llm.ChatAsync(new LlmOptions { ApiKey = server.DemoApiKey }, vu.Iteration < 2 ? $"q{vu.Id}-{vu.Iteration}" : "the same question")))
            .Build();

        var result = await new Engine().RunAsync(plan);

        var unique = result.Metric("llm_prompt_unique")!.Values;
        (unique.Passes, unique.Count).ShouldBe((5L, 8.0));
    }
}
