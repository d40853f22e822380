using Shouldly;
using Stampede.Metrics;
using Stampede.Outputs;
using Xunit;

namespace Stampede.Tests.Protocols.Llm;

/// <summary>The COST block <see cref="ConsoleSummary"/> prints from <c>llm_cost</c>.</summary>
public sealed class LlmCostSummaryTests
{
    private static SeriesResult Cost(string tenant, string scenario, double usd) => new()
    {
        Tags = new Dictionary<string, string> { ["tenant"] = tenant, ["scenario"] = scenario, ["model"] = "demo-chat" },
        Values = new ResultValues { Count = usd },
    };

    private static RunResult Result(params MetricResult[] metrics) => new()
    {
        Meta = new RunMetadata { Plan = "p", DurationSeconds = 10 },
        Metrics = metrics,
    };

    [Fact]
    public void Render_LlmCost_PrintsTotalPerTenantAndPerScenarioInDollars()
    {
        var cost = new MetricResult
        {
            Name = "llm_cost",
            Kind = MetricKind.Counter,
            Values = new ResultValues { Count = 0.0123456 + 0.00004321 + 2.5 },
            Series = [Cost("acme", "chat", 0.0123456), Cost("acme", "batch", 0.00004321), Cost("globex", "chat", 2.5)],
        };

        var text = new ConsoleSummary().Render(Result(cost));

        var block = text[text.IndexOf("█ COST", StringComparison.Ordinal)..];
        block.ShouldContain(": $2.512\n".Replace("\n", Environment.NewLine, StringComparison.Ordinal));
        block.ShouldContain("tenant acme");
        block.ShouldContain(": $0.01239");
        block.ShouldContain("tenant globex");
        block.ShouldContain(": $2.500");
        block.ShouldContain("scenario batch");
        block.ShouldContain(": $0.00004321");
        block.ShouldContain("scenario chat");
        block.ShouldContain(": $2.512");
    }

    [Fact]
    public void Render_NoLlmCost_PrintsNoCostBlock() =>
        new ConsoleSummary().Render(Result()).ShouldNotContain("█ COST");
}
