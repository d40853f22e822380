using Stampede.History.Statistics;

namespace Stampede.History.Tests.Statistics;

public sealed class MannWhitneyTests
{
    [Fact]
    public void GreaterThan_CompletelySeparated_GivesTheTextbookPValue()
    {
        // n = 5 + 5, every current value above every baseline value: U = 25, z = (25 − 12.5 − 0.5) / √22.92 = 2.507.
        var result = MannWhitney.GreaterThan([6, 7, 8, 9, 10], [1, 2, 3, 4, 5]);

        result.U.ShouldBe(25);
        result.Effect.ShouldBe(1);
        result.PValue.ShouldBe(0.0061, tolerance: 0.0003);
    }

    [Fact]
    public void GreaterThan_WrongDirection_IsNotSignificant()
    {
        MannWhitney.GreaterThan([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]).PValue.ShouldBeGreaterThan(0.99);
    }

    [Fact]
    public void GreaterThan_AllTied_ReturnsPValueOne()
    {
        MannWhitney.GreaterThan([0, 0, 0], [0, 0, 0, 0]).PValue.ShouldBe(1);
    }

    [Fact]
    public void GreaterThan_SameDistribution_IsNotSignificant()
    {
        var random = new Random(11);
        var a = Enumerable.Range(0, 200).Select(_ => random.NextDouble()).ToArray();
        var b = Enumerable.Range(0, 200).Select(_ => random.NextDouble()).ToArray();

        MannWhitney.GreaterThan(a, b).PValue.ShouldBeGreaterThan(0.05);
    }
}
