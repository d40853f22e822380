using Shouldly;
using Stampede.Execution.Executors;
using Stampede.Plans;
using Xunit;

namespace Stampede.Tests.Execution.Executors;

public sealed class ArrivalPacerTests
{
    [Theory]
    [InlineData(10, 0, 0.0)]
    [InlineData(10, 1, 0.1)]
    [InlineData(10, 25, 2.5)]
    [InlineData(1000, 999, 0.999)]
    [InlineData(0.5, 3, 6.0)]
    public void OffsetOf_ConstantRate_IsIndexOverRate(double rate, long index, double expectedSeconds)
    {
        var pacer = ArrivalPacer.Constant(rate, TimeSpan.FromSeconds(100));

        pacer.OffsetOf(index)!.Value.TotalSeconds.ShouldBe(expectedSeconds, 1e-9);
    }

    [Fact]
    public void OffsetOf_PastTheEnd_IsNull()
    {
        var pacer = ArrivalPacer.Constant(10, TimeSpan.FromSeconds(2));

        pacer.OffsetOf(19).ShouldNotBeNull();
        pacer.OffsetOf(20).ShouldBeNull();
        pacer.TotalArrivals.ShouldBe(20);
    }

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(2, 2.0)]        // N(t) = t²/2 for a ramp 0→10/s over 10 s, so t = √(2i)
    [InlineData(8, 4.0)]
    [InlineData(32, 8.0)]
    [InlineData(49, 9.899494936611665)]
    public void OffsetOf_LinearRampFromZero_FollowsTheIntegral(long index, double expectedSeconds)
    {
        var pacer = new ArrivalPacer(0, [new Stage(TimeSpan.FromSeconds(10), 10)]);

        pacer.OffsetOf(index)!.Value.TotalSeconds.ShouldBe(expectedSeconds, 1e-6);
    }

    [Fact]
    public void OffsetOf_RampDown_ArrivalsThinOut()
    {
        // 10/s falling to 0 over 10 s: 50 arrivals, gaps growing.
        var pacer = new ArrivalPacer(10, [new Stage(TimeSpan.FromSeconds(10), 0)]);
        var offsets = Enumerable.Range(0, 50).Select(i => pacer.OffsetOf(i)!.Value.TotalSeconds).ToList();

        pacer.OffsetOf(50).ShouldBeNull();
        var gaps = offsets.Zip(offsets.Skip(1), (a, b) => b - a).ToList();
        gaps.ShouldBe(gaps.OrderBy(g => g).ToList(), "gaps must grow as the rate falls");
        offsets[^1].ShouldBeLessThan(10);
    }

    [Fact]
    public void OffsetOf_SeveralStages_CountsMatchTheAreaUnderTheRate()
    {
        // 0→100 over 2 s (100 arrivals), hold 100 for 3 s (300), 100→0 over 1 s (50): 450 in all.
        var pacer = new ArrivalPacer(0, [new Stage(TimeSpan.FromSeconds(2), 100), new Stage(TimeSpan.FromSeconds(3), 100), new Stage(TimeSpan.FromSeconds(1), 0)]);

        pacer.TotalArrivals.ShouldBe(450, 1e-9);
        pacer.OffsetOf(100)!.Value.TotalSeconds.ShouldBe(2.0, 1e-9);
        pacer.OffsetOf(400)!.Value.TotalSeconds.ShouldBe(5.0, 1e-9);
        pacer.OffsetOf(449).ShouldNotBeNull();
        pacer.OffsetOf(450).ShouldBeNull();
    }

    [Fact]
    public void OffsetOf_IsMonotonic_AcrossStageBoundaries()
    {
        var pacer = new ArrivalPacer(5, [new Stage(TimeSpan.FromSeconds(1), 50), new Stage(TimeSpan.FromSeconds(1), 5), new Stage(TimeSpan.FromSeconds(1), 5)]);
        var previous = -1.0;
        for (long i = 0; pacer.OffsetOf(i) is { } offset; i++)
        {
            offset.TotalSeconds.ShouldBeGreaterThanOrEqualTo(previous);
            previous = offset.TotalSeconds;
        }

        previous.ShouldBeLessThan(3);
    }

    [Fact]
    public void RateAt_InterpolatesLinearly()
    {
        var pacer = new ArrivalPacer(10, [new Stage(TimeSpan.FromSeconds(10), 110)]);

        pacer.RateAt(TimeSpan.FromSeconds(5)).ShouldBe(60);
        pacer.RateAt(TimeSpan.FromSeconds(20)).ShouldBe(110);
    }
}
