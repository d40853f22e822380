using System.Text.Json;
using Stampede.History.Comparison;
using Stampede.Metrics;

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

    [Fact]
    public void Json_Regression_SameBytesAsTheAnonymousObjectItReplaced()
    {
        var report = Regression with { BaselineLabel = "#1 \"é\"", Rows = [.. Regression.Rows, Regression.Rows[0] with { ChangePercent = double.NaN, Baseline = null, Tags = new Dictionary<string, string> { ["name"] = "checkout" } }] };

        ComparisonFormatter.Json(report).ShouldBe(ReflectionJson(report));
    }

    // What Json wrote before it was written field by field (reflection over anonymous types, indented, nulls kept).
    private static string ReflectionJson(ComparisonReport report) => JsonSerializer.Serialize(new
    {
        baseline = report.BaselineLabel,
        current = report.CurrentLabel,
        regression = report.HasRegression,
        alpha = report.Alpha,
        rows = report.Rows.Select(r => new
        {
            metric = r.Metric,
            tags = r.Tags,
            figure = r.Aggregation,
            unit = r.Unit.Symbol(),
            baseline = r.Baseline,
            current = r.Current,
            changePercent = r.ChangePercent is { } change && double.IsFinite(change) ? change : (double?)null,
            tolerance = r.Tolerance.ToString(),
            pValue = r.PValue,
            seconds = new { baseline = r.Seconds.Baseline, current = r.Seconds.Current },
            verdict = ComparisonFormatter.Word(r.Verdict),
        }),
    }, Indented);

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
