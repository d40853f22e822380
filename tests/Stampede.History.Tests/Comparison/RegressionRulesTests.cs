using Stampede.History.Comparison;

namespace Stampede.History.Tests.Comparison;

public sealed class RegressionRulesTests
{
    [Fact]
    public void Parse_JsonFromTheIssue_ReadsEveryRule()
    {
        var errors = new List<string>();

        var rules = RegressionRules.Parse("""{ "http_req_duration": { "p95": "+10%", "p99": "+15%" }, "http_req_failed": { "rate": "+0.5pp" } }""", errors);

        errors.ShouldBeEmpty();
        rules.Rules.Select(r => $"{r.Metric}:{r.Aggregation}:{r.Tolerance}").ShouldBe(["http_req_duration:p95:+10%", "http_req_duration:p99:+15%", "http_req_failed:rate:+0.5pp"]);
    }

    [Fact]
    public void Parse_YamlUnderRegressionsKey_ReadsSeriesSelectorAndFigureAliases()
    {
        var errors = new List<string>();

        var rules = RegressionRules.Parse("regressions:\n  \"http_req_duration{name:checkout}\":\n    p(95): +20%\n", errors);

        errors.ShouldBeEmpty();
        var rule = rules.Rules.ShouldHaveSingleItem();
        rule.Metric.ShouldBe("http_req_duration");
        rule.Tags["name"].ShouldBe("checkout");
        rule.Aggregation.ShouldBe("p95");
    }

    [Fact]
    public void Parse_BadFigureAndTolerance_ReportsEveryProblem()
    {
        var errors = new List<string>();

        RegressionRules.Parse("http_req_duration: { p42: \"+1%\", p95: \"10%\" }\nhttp_reqs: 5\n", errors);

        errors.Count.ShouldBe(3);
        errors[0].ShouldContain("p42");
        errors[1].ShouldContain("starts with +");
        errors[2].ShouldContain("http_reqs");
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("~")]
    public void Parse_Empty_NoRulesAndNoProblem(string text)
    {
        var errors = new List<string>();

        var rules = RegressionRules.Parse(text, errors);

        errors.ShouldBeEmpty();
        rules.Rules.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("[ p95 ]", "expected a map of metric to figures")]
    [InlineData("http_req_duration: { p95: \"+10%\"", "did not find expected")]
    public void Parse_NotAMap_SaysWhatIsWrong(string text, string fragment)
    {
        var errors = new List<string>();

        var rules = RegressionRules.Parse(text, errors);

        errors.ShouldHaveSingleItem().ShouldContain(fragment);
        rules.Rules.ShouldBeEmpty();
    }
}
