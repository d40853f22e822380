using Stampede.History.Statistics;

namespace Stampede.History.Tests.Statistics;

public sealed class MannKendallTests
{
    [Fact]
    public void Test_NoisyRisingSeries_IsSignificantWithPositiveTau()
    {
        var random = new Random(5);
        var values = Enumerable.Range(0, 60).Select(i => i + (random.NextDouble() * 10)).ToArray();

        var result = MannKendall.Test(values);

        result.PValue.ShouldBeLessThan(0.001);
        result.Tau.ShouldBeGreaterThan(0.5);
    }

    [Fact]
    public void Test_PureNoise_IsNotSignificant()
    {
        var random = new Random(6);
        var values = Enumerable.Range(0, 60).Select(_ => random.NextDouble()).ToArray();

        MannKendall.Test(values).PValue.ShouldBeGreaterThan(0.05);
    }

    [Fact]
    public void Test_Constant_HasPValueOne()
    {
        MannKendall.Test([3, 3, 3, 3, 3]).PValue.ShouldBe(1);
    }
}
