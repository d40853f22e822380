using Shouldly;
using Stampede.Execution;
using Stampede.Plans;
using Xunit;

namespace Stampede.Tests.Execution;

public sealed class ExecutionTupleTests
{
    private static ExecutionTuple Tuple(string segment, string? sequence = null) =>
        ExecutionTuple.For(ExecutionSegment.Parse(segment), sequence is null ? null : ExecutionSegmentSequence.Parse(sequence));

    [Theory]
    [InlineData("0:0.3", 0, new long[] { 0, 4, 7 })]
    [InlineData("0.3:0.5", 1, new long[] { 1, 5 })]
    [InlineData("0.5:0.6", 2, new long[] { 2 })]
    public void Stripe_K6sExampleSequence_PlacesItemsAsK6Does(string segment, long first, long[] positions)
    {
        // k6's own table for the sequence 0,0.3,0.5,0.6,0.7,0.8,0.9,1: a start and the gaps after it, period 10.
        var stripe = Tuple(segment, "0,0.3,0.5,0.6,0.7,0.8,0.9,1").Stripe;

        stripe.Period.ShouldBe(10);
        stripe.Positions.ShouldBe(positions);
        stripe.Global(0).ShouldBe(first);
    }

    [Theory]
    [InlineData("0.5", null, 2, 1)]
    [InlineData("0.5", null, 3, 2)]
    [InlineData("0.5:1", null, 2, 1)]
    [InlineData("0.5:1", null, 3, 1)]
    [InlineData("0.5", "0,0.5,1", 3, 2)]
    [InlineData("0.5:1", "0,0.5,1", 3, 1)]
    public void Scale_Halves_GiveTheFirstHalfTheOddOne(string segment, string? sequence, long value, long share)
    {
        Tuple(segment, sequence).Scale(value).ShouldBe(share);
    }

    [Theory]
    [InlineData("0,1/4,1/2,3/4,1")]
    [InlineData("0,1/3,2/3,1")]
    [InlineData("0,0.3,0.5,0.6,0.7,0.8,0.9,1")]
    [InlineData("0,1/7,1/2,1")]
    public void Scale_EverySegmentOfASequence_SharesAddUpToTheWhole(string sequence)
    {
        var parsed = ExecutionSegmentSequence.Parse(sequence);
        var tuples = parsed.Segments.Select(s => ExecutionTuple.For(s, parsed)).ToList();

        for (long value = 0; value <= 200; value++)
        {
            tuples.Sum(t => t.Scale(value)).ShouldBe(value, $"value {value}");
        }
    }

    [Theory]
    [InlineData("0,1/4,1/2,3/4,1")]
    [InlineData("0,1/3,2/3,1")]
    [InlineData("0,0.3,0.5,0.6,0.7,0.8,0.9,1")]
    public void Global_EverySegmentOfASequence_NumbersEachItemOnce(string sequence)
    {
        var parsed = ExecutionSegmentSequence.Parse(sequence);
        var numbers = parsed.Segments
            .SelectMany(s => Enumerable.Range(0, 300).Select(i => ExecutionTuple.For(s, parsed).Stripe.Global(i)))
            .Where(n => n < 300).Order().ToList();

        numbers.ShouldBe(Enumerable.Range(0, 300).Select(i => (long)i));
    }

    [Fact]
    public void ForValue_FewerItemsThanSegments_LeavesOutTheSegmentsWithNone()
    {
        var sequence = ExecutionSegmentSequence.Parse("0,1/4,1/2,3/4,1");
        var recut = sequence.Segments.Select(s => ExecutionTuple.For(s, sequence).ForValue(2)).ToList();

        recut.Count(t => t is null).ShouldBe(2);
        recut.Where(t => t is not null).Sum(t => t!.Scale(2)).ShouldBe(2);
        recut.Where(t => t is not null).Sum(t => t!.Scale(101)).ShouldBe(101);
    }

    [Fact]
    public void Scale_WholePlan_IsTheValue()
    {
        ExecutionTuple.Whole.Scale(7).ShouldBe(7);
        ExecutionTuple.Whole.Stripe.Global(5).ShouldBe(5);
    }
}
