using Shouldly;
using Stampede.Metrics;
using Stampede.Thresholds;
using Xunit;

namespace Stampede.Tests.Thresholds;

public sealed class ThresholdExpressionTests
{
    [Theory]
    [InlineData("avg<200", "avg<200")]
    [InlineData("min>=0", "min>=0")]
    [InlineData("max<2000", "max<2000")]
    [InlineData("med<=100", "med<=100")]
    [InlineData("p(95)<500", "p(95)<500")]
    [InlineData("p(99.9)<3000", "p(99.9)<3000")]
    [InlineData("p(100)<=1", "p(100)<=1")]
    [InlineData("rate<0.01", "rate<0.01")]
    [InlineData("count>100", "count>100")]
    [InlineData("value>0", "value>0")]
    [InlineData("avg==5", "avg==5")]
    [InlineData("avg===5", "avg==5")]
    [InlineData("avg!=5", "avg!=5")]
    [InlineData("  p( 95 ) <  500  ", "p(95)<500")]
    [InlineData("p (90)\t>=\t1", "p(90)>=1")]
    [InlineData("avg<1.5", "avg<1.5")]
    [InlineData("avg<.5", "avg<0.5")]
    [InlineData("avg<5.", "avg<5")]
    [InlineData("min>-5", "min>-5")]
    [InlineData("avg<1e3", "avg<1000")]
    [InlineData("avg<2.5E-2", "avg<0.025")]
    public void Parse_ValidExpression_GivesCanonicalForm(string text, string canonical)
    {
        var result = ThresholdExpression.Parse(text);

        result.Error.ShouldBeNull();
        result.Value!.ToString().ShouldBe(canonical);
        result.Value.Source.ShouldBe(text);
    }

    [Fact]
    public void Parse_Percentile_FillsEveryField()
    {
        var expression = ThresholdExpression.Parse("p(99.9) <= -1.5e2").Value!;

        expression.Aggregation.ShouldBe(Aggregation.Percentile);
        expression.Percentile.ShouldBe(99.9);
        expression.Operator.ShouldBe(ComparisonOperator.LessThanOrEqual);
        expression.Value.ShouldBe(-150);
    }

    [Fact]
    public void Parse_NonPercentile_HasNoPercentile()
    {
        var expression = ThresholdExpression.Parse("med>=1").Value!;

        expression.Aggregation.ShouldBe(Aggregation.Med);
        expression.Percentile.ShouldBeNull();
        expression.Operator.ShouldBe(ComparisonOperator.GreaterThanOrEqual);
    }

    [Theory]
    [InlineData("", "empty threshold expression: expected an aggregation (avg, min, max, med, p(N), rate, count, value) at column 0", 0)]
    [InlineData("   ", "empty threshold expression", 3)]
    [InlineData("p95<1", "expected an aggregation (avg, min, max, med, p(N), rate, count, value) at column 0, found 'p95': write percentiles as p(95)", 0)]
    [InlineData("p()<1", "expected a percentile number inside p(...) at column 2, found ')'", 2)]
    [InlineData("p(0)<1", "percentile must be in (0, 100], got 0", 2)]
    [InlineData("p(101)<1", "percentile must be in (0, 100], got 101", 2)]
    [InlineData("p(-5)<1", "got -5", 2)]
    [InlineData("p(95<1", "expected ')' after the percentile 95 at column 4, found '<'", 4)]
    [InlineData("p 95<1", "expected '(' after 'p' at column 2, found '95'", 2)]
    [InlineData("p(abc)<1", "expected a percentile number inside p(...) at column 2, found 'abc'", 2)]
    [InlineData("p(95)", "expected an operator (<, <=, >, >=, ==, !=) after 'p(95)' at column 5, found the end of the expression", 5)]
    [InlineData("avg<", "expected a number after '<' at column 4, found the end of the expression", 4)]
    [InlineData("avg 5", "expected an operator (<, <=, >, >=, ==, !=) after 'avg' at column 4, found '5'", 4)]
    [InlineData("avg<abc", "expected a number after '<' at column 4, found 'abc'", 4)]
    [InlineData("avg<500ms", "unexpected 'ms' after the value 500 at column 7: thresholds take plain numbers (milliseconds for time metrics)", 7)]
    [InlineData("avg < 2 s", "unexpected 's' after the value 2 at column 8: thresholds take plain numbers", 8)]
    [InlineData("rate<1%", "unexpected '%' after the value 1 at column 6: thresholds take plain numbers (rates are fractions: 1% is 0.01)", 6)]
    [InlineData("rate<<1", "expected a number after '<' at column 5, found '<'", 5)]
    [InlineData("foo<1", "expected an aggregation (avg, min, max, med, p(N), rate, count, value) at column 0, found 'foo'", 0)]
    [InlineData("AVG<1", "found 'AVG': aggregations are lower-case", 0)]
    [InlineData("<500", "expected an aggregation (avg, min, max, med, p(N), rate, count, value) at column 0, found '<'", 0)]
    [InlineData("avg<1 extra", "unexpected 'extra' after the value 1 at column 6: expected the end of the expression", 6)]
    [InlineData("{", "found '{'", 0)]
    [InlineData("avg=1", "after 'avg' at column 3, found '=': use '==' to test equality", 3)]
    [InlineData("avg=>1", "did you mean '>='?", 3)]
    [InlineData("avg<1e999", "the value 1e999 at column 4 is out of range", 4)]
    [InlineData("avg<1.2.3", "unexpected '.' after the value 1.2 at column 7", 7)]
    [InlineData("avg<- 5", "expected a number after '<' at column 4, found '-'", 4)]
    [InlineData("avg<5e", "unexpected 'e' after the value 5 at column 5", 5)]
    [InlineData("avg<NaN", "expected a number after '<' at column 4, found 'NaN'", 4)]
    [InlineData("avg<0x10", "unexpected 'x10' after the value 0 at column 5", 5)]
    [InlineData("avg<1 && max<2", "unexpected '&' after the value 1 at column 6", 6)]
    public void Parse_MalformedExpression_ReportsMessageAndColumn(string text, string fragment, int column)
    {
        var result = ThresholdExpression.Parse(text);

        result.Value.ShouldBeNull();
        result.Error.ShouldNotBeNull();
        result.Error.Message.ShouldContain(fragment);
        result.Error.Column.ShouldBe(column);
    }

    [Fact]
    public void Parse_Null_ReportsEmptyInsteadOfThrowing()
    {
        var result = ThresholdExpression.Parse(null!);

        result.Error!.Message.ShouldStartWith("empty threshold expression");
    }

    [Theory]
    [InlineData(MetricKind.Counter, "count>1")]
    [InlineData(MetricKind.Counter, "rate>1")]
    [InlineData(MetricKind.Gauge, "value>1")]
    [InlineData(MetricKind.Gauge, "min>1")]
    [InlineData(MetricKind.Gauge, "max>1")]
    [InlineData(MetricKind.Rate, "rate<0.01")]
    [InlineData(MetricKind.Trend, "avg<1")]
    [InlineData(MetricKind.Trend, "min<1")]
    [InlineData(MetricKind.Trend, "max<1")]
    [InlineData(MetricKind.Trend, "med<1")]
    [InlineData(MetricKind.Trend, "p(99.9)<1")]
    [InlineData(MetricKind.Trend, "count>1")]
    public void ValidateFor_ApplicableAggregation_ReturnsNull(MetricKind kind, string text) =>
        ThresholdExpression.Parse(text).Value!.ValidateFor(kind).ShouldBeNull();

    [Theory]
    [InlineData(MetricKind.Counter, "avg<1", "'avg' does not apply to a Counter metric; use count or rate")]
    [InlineData(MetricKind.Gauge, "rate<1", "'rate' does not apply to a Gauge metric; use value, min or max")]
    [InlineData(MetricKind.Rate, "p(95)<1", "'p(95)' does not apply to a Rate metric; use rate")]
    [InlineData(MetricKind.Rate, "count<1", "'count' does not apply to a Rate metric; use rate")]
    [InlineData(MetricKind.Trend, "rate<1", "'rate' does not apply to a Trend metric; use avg, min, max, med, p(N) or count")]
    [InlineData(MetricKind.Trend, "value<1", "'value' does not apply to a Trend metric")]
    public void ValidateFor_WrongAggregation_SaysWhatApplies(MetricKind kind, string text, string message) =>
        ThresholdExpression.Parse(text).Value!.ValidateFor(kind).ShouldNotBeNull().ShouldContain(message);

    [Theory]
    [InlineData("avg<5", 4.999, "Passed")]
    [InlineData("avg<5", 5, "Failed")]
    [InlineData("avg<=5", 5, "Passed")]
    [InlineData("avg>5", 5.000001, "Passed")]
    [InlineData("avg>5", 5, "Failed")]
    [InlineData("avg>=5", 5, "Passed")]
    [InlineData("avg==5", 5, "Passed")]
    [InlineData("avg===5", 5, "Passed")]
    [InlineData("avg!=5", 4, "Passed")]
    [InlineData("avg!=5", 5, "Failed")]
    [InlineData("min>-1", -0.5, "Passed")]
    public void Evaluate_Operator_ComparesObservedWithBound(string text, double observed, string outcome)
    {
        var values = new FixedValues(observed);

        ThresholdExpression.Parse(text).Value!.Evaluate(values).ShouldBe(Enum.Parse<ThresholdOutcome>(outcome));
    }

    [Fact]
    public void Evaluate_FloatingPointSum_IsComparedExactly()
    {
        var values = new FixedValues(0.1 + 0.2);

        ThresholdExpression.Parse("avg==0.3").Value!.Evaluate(values).ShouldBe(ThresholdOutcome.Failed);
    }

    [Fact]
    public void Evaluate_NoSamples_IsNoDataEvenForAnAlwaysFailingBound()
    {
        var values = new FixedValues(null);

        ThresholdExpression.Parse("count>1e9").Value!.Evaluate(values).ShouldBe(ThresholdOutcome.NoData);
    }

    [Fact]
    public void Evaluate_NaN_IsNoData()
    {
        var values = new FixedValues(double.NaN);

        ThresholdExpression.Parse("avg!=1").Value!.Evaluate(values).ShouldBe(ThresholdOutcome.NoData);
    }

    [Theory]
    [InlineData("p(99.9)<1", "Percentile", 99.9)]
    [InlineData("med<1", "Med", 0)]
    [InlineData("rate<1", "Rate", 0)]
    public void Evaluate_AsksForTheAggregationAndPercentile(string text, string aggregation, double percentile)
    {
        var values = new FixedValues(0.5);

        ThresholdExpression.Parse(text).Value!.Evaluate(values);

        values.Requests.ShouldBe([(Enum.Parse<Aggregation>(aggregation), percentile)]);
    }

    private sealed class FixedValues(double? value) : IThresholdValues
    {
        public List<(Aggregation, double)> Requests { get; } = [];

        public double? Get(Aggregation aggregation, double percentile)
        {
            Requests.Add((aggregation, percentile));
            return value;
        }
    }
}
