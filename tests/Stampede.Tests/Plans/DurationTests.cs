using Shouldly;
using Stampede.Plans;
using Xunit;

namespace Stampede.Tests.Plans;

public sealed class DurationTests
{
    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("500ms", 500)]
    [InlineData("2h", 7_200_000)]
    [InlineData("1.5m", 90_000)]
    [InlineData("10", 10_000)]
    [InlineData(" 1h2m3s ", 3_723_000)]
    public void TryParse_K6Notation_GivesMilliseconds(string text, double ms)
    {
        Duration.TryParse(text, out var value, out var error).ShouldBeTrue(error);
        value.TotalMilliseconds.ShouldBe(ms);
    }

    [Theory]
    [InlineData("", "found nothing")]
    [InlineData("abc", "expected a number")]
    [InlineData("10x", "unknown unit 'x'")]
    [InlineData("5m3", "expected a unit")]
    [InlineData("-5s", "expected a number")]
    [InlineData("-5", "must not be negative")]
    [InlineData("400d", "longer than a year")]
    public void TryParse_BadInput_SaysWhatWasExpected(string text, string message)
    {
        Duration.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNull().ShouldContain(message);
    }

    [Theory]
    [InlineData(90_000, "1m30s")]
    [InlineData(500, "500ms")]
    [InlineData(3_600_000, "1h")]
    public void Format_RoundTripsThroughParse(double ms, string text)
    {
        Duration.Format(TimeSpan.FromMilliseconds(ms)).ShouldBe(text);
        Duration.Parse(text).TotalMilliseconds.ShouldBe(ms);
    }
}
