using HdrHistogram;
using Shouldly;
using Stampede.Metrics;
using Xunit;

namespace Stampede.Tests.Metrics;

public sealed class IntervalHistogramTests
{
    private const long Highest = 3_600_000_000;

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(12345)]
    public void AddTo_SameCountsAndPercentilesAsHistogramAdd(int seed)
    {
        var random = new Random(seed);
        var interval = new IntervalHistogram(1, 1, Highest, 3);
        for (var i = 0; i < 5_000; i++)
        {
            // Mostly around a millisecond, with a long tail up to minutes, in µs.
            var value = random.Next(10) == 0 ? (long)(random.NextDouble() * 120_000_000) : 500 + random.Next(1_500);
            interval.RecordValue(value);
        }

        var fast = new SummedHistogram(Highest, 3);
        fast.RecordValue(42);   // a cumulative histogram already holds earlier seconds
        var reference = new LongHistogram(Highest, 3);
        reference.RecordValue(42);

        interval.AddTo(fast);
        reference.Add(interval);

        fast.TotalCount.ShouldBe(reference.TotalCount);
        foreach (var percentile in new[] { 0.0, 50, 90, 95, 99, 99.9, 100 })
        {
            fast.GetValueAtPercentile(percentile).ShouldBe(reference.GetValueAtPercentile(percentile), $"p{percentile}");
        }

        fast.GetMaxValue().ShouldBe(reference.GetMaxValue());
        HistogramCodec.Encode(fast).ShouldBe(HistogramCodec.Encode(reference));
    }

    [Fact]
    public void ValueAtPercentile100_IsTheMaxValue()
    {
        var interval = new IntervalHistogram(1, 1, Highest, 3);
        foreach (var value in new long[] { 3, 999, 1_234_567, 77 })
        {
            interval.RecordValue(value);
        }

        interval.HighestEquivalentValue(interval.GetValueAtPercentile(100)).ShouldBe(interval.GetMaxValue());
    }

    [Fact]
    public void AddTo_EmptyInterval_LeavesTargetUnchanged()
    {
        var target = new SummedHistogram(Highest, 3);
        target.RecordValue(5);

        new IntervalHistogram(1, 1, Highest, 3).AddTo(target);

        target.TotalCount.ShouldBe(1);
    }
}
