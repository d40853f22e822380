using Stampede.Yaml.Flows;

namespace Stampede.Yaml.Tests.Flows;

public sealed class ValueMatcherTests
{
    [Theory]
    [InlineData("201", false, 201, true, true)]
    [InlineData("201", false, 200, true, false)]
    [InlineData("exists", true, "x", true, true)]
    [InlineData("exists", false, null, false, false)]
    [InlineData("!exists", false, null, false, true)]
    [InlineData(">0", false, 3, true, true)]
    [InlineData(">0", false, 0, true, false)]
    [InlineData("<=2", false, 2.0, true, true)]
    [InlineData("==ok", true, "ok", true, true)]
    [InlineData("!=ok", false, "ok", true, false)]
    [InlineData("contains Mission", true, "Load Test Mission 1", true, true)]
    [InlineData("!contains error", false, "all fine", true, true)]
    [InlineData("matches ^sk-", false, "sk-demo-1", true, true)]
    [InlineData("ok", false, "ok", true, true)]
    public void Test_Expectation_MatchesAsDocumented(string expectation, bool quoted, object? value, bool found, bool expected)
    {
        var matcher = ValueMatcher.Parse(expectation, quoted, isDuration: false, out var error)!;

        error.ShouldBeNull();
        matcher.Test(value, found).ShouldBe(expected);
    }

    [Fact]
    public void Parse_DurationWithUnit_ComparesMilliseconds()
    {
        var matcher = ValueMatcher.Parse("<300ms", quoted: true, isDuration: true, out _)!;

        matcher.Test(120.5, true).ShouldBeTrue();
        matcher.Test(450.0, true).ShouldBeFalse();
        matcher.Description.ShouldBe("<300ms");
    }

    [Fact]
    public void Parse_ComparisonWithoutNumber_ReturnsError()
    {
        ValueMatcher.Parse(">lots", quoted: false, isDuration: false, out var error).ShouldBeNull();

        error!.ShouldContain("expected a number after '>'");
    }

    [Theory]
    [InlineData("isArray", "[1,2]", true)]
    [InlineData("isArray", "{}", false)]
    [InlineData("isObject", "{\"a\":1}", true)]
    [InlineData("isNumber", "95.5", true)]
    [InlineData("isNumber", "\"95\"", false)]
    [InlineData("isString", "\"hz\"", true)]
    [InlineData("isBool", "false", true)]
    [InlineData("isNull", "null", true)]
    public void OfType_JsonValue_IsItsJsonType(string type, string json, bool expected)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);

        ValueMatcher.OfType(type, true).Test(document.RootElement.Clone(), true).ShouldBe(expected);
        ValueMatcher.OfType(type, false).Test(document.RootElement.Clone(), true).ShouldBe(!expected);
    }

    [Fact]
    public void OfType_MissingValue_IsOfNoTypeEvenNegated()
    {
        ValueMatcher.OfType("isArray", true).Test(null, false).ShouldBeFalse();
        ValueMatcher.OfType("isArray", false).Test(null, false).ShouldBeFalse();
    }

    [Fact]
    public void Parse_TypeKeyword_ChecksTheType()
    {
        var matcher = ValueMatcher.Parse("isNumber", quoted: false, isDuration: false, out _)!;

        matcher.Test(200, true).ShouldBeTrue();
        matcher.Test("200", true).ShouldBeFalse();
        matcher.Description.ShouldBe("isNumber");
    }

    [Theory]
    [InlineData("[1,2,3]", ">2", true)]
    [InlineData("[]", ">0", false)]
    [InlineData("\"abcd\"", "4", true)]
    [InlineData("{\"a\":1,\"b\":2}", "2", true)]
    [InlineData("7", ">0", false)]
    public void Length_ArrayStringOrObject_ComparesItsLength(string json, string expectation, bool expected)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var length = ValueMatcher.Length(ValueMatcher.Parse(expectation, false, false, out _)!);

        length.Test(document.RootElement.Clone(), true).ShouldBe(expected);
    }

    [Fact]
    public void AllOf_EveryExpectation_MustHold()
    {
        var range = ValueMatcher.AllOf([ValueMatcher.Parse(">=1", false, false, out _)!, ValueMatcher.Parse("<=5", false, false, out _)!]);

        range.Test(3, true).ShouldBeTrue();
        range.Test(6, true).ShouldBeFalse();
        range.Description.ShouldBe(">=1, <=5");
    }
}
