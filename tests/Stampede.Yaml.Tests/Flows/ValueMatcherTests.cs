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
}
