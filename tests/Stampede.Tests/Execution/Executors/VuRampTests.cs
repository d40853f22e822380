using Shouldly;
using Stampede.Execution.Executors;
using Stampede.Plans;
using Xunit;

namespace Stampede.Tests.Execution.Executors;

public sealed class VuRampTests
{
    private static readonly VuRamp Ramp = new(0, [new Stage(TimeSpan.FromSeconds(10), 10), new Stage(TimeSpan.FromSeconds(5), 10), new Stage(TimeSpan.FromSeconds(10), 0)]);

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.99, 0)]
    [InlineData(1.0, 1)]
    [InlineData(5.5, 5)]
    [InlineData(10.0, 10)]
    [InlineData(14.9, 10)]
    [InlineData(15.0, 10)]
    [InlineData(15.1, 10)]      // falling: the count drops when the line crosses 9, not before
    [InlineData(16.0, 9)]
    [InlineData(24.9, 1)]
    [InlineData(25.0, 0)]
    [InlineData(99.0, 0)]
    public void VusAt_FollowsTheStagesLinearly(double seconds, int expected)
    {
        Ramp.VusAt(TimeSpan.FromSeconds(seconds)).ShouldBe(expected);
    }

    [Fact]
    public void VusAt_ZeroLengthStage_JumpsAtOnce()
    {
        var ramp = new VuRamp(5, [new Stage(TimeSpan.FromSeconds(2), 5), new Stage(TimeSpan.Zero, 50), new Stage(TimeSpan.FromSeconds(2), 50)]);

        ramp.VusAt(TimeSpan.FromSeconds(1.9)).ShouldBe(5);
        ramp.VusAt(TimeSpan.FromSeconds(2.0)).ShouldBe(50);
        ramp.TotalDuration.ShouldBe(TimeSpan.FromSeconds(4));
    }
}
