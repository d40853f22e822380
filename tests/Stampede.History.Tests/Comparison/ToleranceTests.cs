using Stampede.History.Comparison;

namespace Stampede.History.Tests.Comparison;

public sealed class ToleranceTests
{
    [Theory]
    [InlineData("+10%", 10, ToleranceUnit.Percent, true)]
    [InlineData("-5%", 5, ToleranceUnit.Percent, false)]
    [InlineData("+0.5pp", 0.5, ToleranceUnit.PercentagePoints, true)]
    [InlineData("+25ms", 25, ToleranceUnit.Absolute, true)]
    [InlineData(" +3 ", 3, ToleranceUnit.Absolute, true)]
    public void Parse_ValidText_ReadsAmountUnitAndDirection(string text, double amount, ToleranceUnit unit, bool higherIsWorse)
    {
        var tolerance = Tolerance.Parse(text, out var error);

        error.ShouldBeNull();
        tolerance.ShouldBe(new Tolerance(amount, unit, higherIsWorse));
    }

    [Theory]
    [InlineData("10%")]
    [InlineData("+ten%")]
    [InlineData("+")]
    public void Parse_Malformed_ReturnsNullWithAMessage(string text)
    {
        Tolerance.Parse(text, out var error).ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain(text.Trim());
    }

    [Fact]
    public void Worsening_PercentPointsAndDirections_AreMeasuredInTheBadDirection()
    {
        new Tolerance(10, ToleranceUnit.Percent, true).Worsening(200, 240).ShouldBe(20, tolerance: 1e-9);
        new Tolerance(0.5, ToleranceUnit.PercentagePoints, true).Worsening(0.01, 0.02).ShouldBe(1, tolerance: 1e-9);
        new Tolerance(10, ToleranceUnit.Percent, false).Worsening(100, 80).ShouldBe(20, tolerance: 1e-9);
        new Tolerance(10, ToleranceUnit.Percent, true).Worsening(0, 1).ShouldBe(double.PositiveInfinity);
    }
}
