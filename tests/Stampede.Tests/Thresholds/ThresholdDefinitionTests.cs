using Shouldly;
using Stampede.Metrics;
using Stampede.Thresholds;
using Xunit;

namespace Stampede.Tests.Thresholds;

public sealed class ThresholdDefinitionTests
{
    [Fact]
    public void Parse_ValidDefinition_KeepsAbortOptionsPerExpression()
    {
        var result = ThresholdDefinition.Parse(
            "http_req_duration{scenario:chat}",
            [("p(95)<500", false, TimeSpan.Zero), ("p(99)<1500", true, TimeSpan.FromSeconds(10))]);

        result.Errors.ShouldBeEmpty();
        var definition = result.Definition!;
        definition.Selector.ToString().ShouldBe("http_req_duration{scenario:chat}");
        definition.Rules.Select(r => r.Expression.ToString()).ShouldBe(["p(95)<500", "p(99)<1500"]);
        definition.Rules[0].AbortOnFail.ShouldBeFalse();
        definition.Rules[1].AbortOnFail.ShouldBeTrue();
        definition.Rules[1].DelayAbortEval.ShouldBe(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsEveryOneWithItsLocation()
    {
        var result = ThresholdDefinition.Parse(
            "http_req_duration{status:200",
            [("p95<1", false, TimeSpan.Zero), ("avg<1", true, TimeSpan.FromSeconds(-1)), ("avg<500ms", false, TimeSpan.Zero)]);

        result.Definition.ShouldBeNull();
        result.Errors.Select(e => (e.ExpressionIndex, e.Column)).ShouldBe([(null, 28), (0, 0), (1, null), (2, 7)]);
        result.Errors[0].Text.ShouldBe("http_req_duration{status:200");
        result.Errors[1].Message.ShouldContain("found 'p95'");
        result.Errors[2].Message.ShouldContain("delayAbortEval must not be negative");
        result.Errors[3].Text.ShouldBe("avg<500ms");
    }

    [Fact]
    public void Parse_KindGiven_ReportsAggregationsThatDoNotApply()
    {
        var result = ThresholdDefinition.Parse("http_req_failed", ["rate<0.01", "p(95)<1", "avg<1"], MetricKind.Rate);

        result.Errors.Select(e => e.ExpressionIndex).ShouldBe([1, 2]);
        result.Errors[0].Message.ShouldBe("'p(95)' does not apply to a Rate metric; use rate");
    }

    [Fact]
    public void Parse_NoExpressions_IsAnError()
    {
        var result = ThresholdDefinition.Parse("http_reqs", Array.Empty<string>());

        result.Errors.ShouldHaveSingleItem().Message.ShouldStartWith("no threshold expressions");
    }

    [Fact]
    public void ValidateFor_Kind_ListsOnlyExpressionsThatDoNotApply()
    {
        var definition = ThresholdDefinition.Parse("http_reqs", ["count>100", "avg<1", "rate>50"]).Definition!;

        var errors = definition.ValidateFor(MetricKind.Counter);

        errors.ShouldHaveSingleItem().ExpressionIndex.ShouldBe(1);
        errors[0].Message.ShouldContain("use count or rate");
    }

    [Fact]
    public void ErrorToString_NamesSelectorIndexAndText()
    {
        var error = ThresholdDefinition.Parse("checks", ["rate>0.99", "rate>>1"]).Errors.ShouldHaveSingleItem();

        error.ToString().ShouldBe("thresholds.checks[1] \"rate>>1\": expected a number after '>' at column 5, found '>'");
    }
}
