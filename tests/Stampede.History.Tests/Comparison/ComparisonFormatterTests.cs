using System.Text.Json;
using Stampede.History.Comparison;
using Stampede.History.Tests.Support;

namespace Stampede.History.Tests.Comparison;

public sealed class ComparisonFormatterTests
{
    private static readonly ComparisonReport Regression = RunComparer.Compare(SyntheticRuns.Run(seed: 1, p95: 200), SyntheticRuns.Run(seed: 2, p95: 240), baselineLabel: "#1", currentLabel: "#2");

    [Fact]
    public void Table_Regression_ListsTheFigureAndTheVerdict()
    {
        var text = ComparisonFormatter.Table(Regression);

        text.ShouldContain("baseline: #1");
        text.Split('\n').ShouldContain(l => l.Contains("http_req_duration") && l.Contains("p95") && l.Contains("REGRESSED"));
        text.ShouldContain("regressions beyond tolerance and noise");
    }

    [Fact]
    public void Markdown_Regression_StartsWithTheVerdictAndHasATable()
    {
        var text = ComparisonFormatter.Markdown(Regression);

        text.ShouldStartWith("### ❌ Performance regression");
        text.ShouldContain("|---|---|---:|");
        text.ShouldContain("| `http_req_duration` | p95 |");
    }

    [Fact]
    public void Json_Regression_IsParseableWithRowsAndFlag()
    {
        using var document = JsonDocument.Parse(ComparisonFormatter.Json(Regression));

        document.RootElement.GetProperty("regression").GetBoolean().ShouldBeTrue();
        document.RootElement.GetProperty("rows").EnumerateArray().ShouldContain(r => r.GetProperty("figure").GetString() == "p95" && r.GetProperty("verdict").GetString() == "REGRESSED");
    }
}
