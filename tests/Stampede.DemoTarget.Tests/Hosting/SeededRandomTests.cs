using Shouldly;
using Stampede.DemoTarget.Hosting;

namespace Stampede.DemoTarget.Tests.Hosting;

public class SeededRandomTests
{
    [Fact]
    public void Derive_SameSeedAndSequence_SameValues()
    {
        var a = SeededRandom.Derive(42, 7);
        var b = SeededRandom.Derive(42, 7);
        var c = SeededRandom.Derive(42, 8);

        var first = Enumerable.Range(0, 5).Select(_ => a.NextUInt64()).ToArray();

        Enumerable.Range(0, 5).Select(_ => b.NextUInt64()).ShouldBe(first);
        c.NextUInt64().ShouldNotBe(first[0]);
    }

    [Fact]
    public void NextGaussian_ManySamples_MeanAndSpreadMatch()
    {
        var random = new SeededRandom(1);

        var samples = Enumerable.Range(0, 20_000).Select(_ => random.NextGaussian(50, 5)).ToArray();

        samples.Average().ShouldBe(50, 0.2);
        var sd = Math.Sqrt(samples.Select(x => (x - 50) * (x - 50)).Average());
        sd.ShouldBe(5, 0.2);
    }

    [Fact]
    public void NextDelay_MeanBelowZeroSpread_NeverNegative()
    {
        var random = new SeededRandom(3);

        var delays = Enumerable.Range(0, 1000).Select(_ => random.NextDelay(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(10))).ToArray();

        delays.ShouldAllBe(d => d >= TimeSpan.Zero);
        delays.ShouldContain(TimeSpan.Zero);
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(1.0, 1000)]
    public void Chance_Extremes_NeverOrAlways(double probability, int expected)
    {
        var random = new SeededRandom(5);

        Enumerable.Range(0, 1000).Count(_ => random.Chance(probability)).ShouldBe(expected);
    }

    [Fact]
    public void Hash_SameText_StableAcrossCalls()
    {
        SeededRandom.Hash("hello", 1).ShouldBe(SeededRandom.Hash("hello", 1));
        SeededRandom.Hash("hello", 1).ShouldNotBe(SeededRandom.Hash("hello", 2));
    }
}
