using Shouldly;
using Stampede.Plans;
using Xunit;

namespace Stampede.Tests.Plans;

public sealed class ExecutionSegmentTests
{
    [Theory]
    [InlineData("1/4:1/2", "1/4:1/2")]
    [InlineData("2/8:4/8", "1/4:1/2")]
    [InlineData("0.25:0.5", "1/4:1/2")]
    [InlineData("25%:50%", "1/4:1/2")]
    [InlineData("1/2", "0:1/2")]
    [InlineData("2/4", "0:1/2")]
    [InlineData("1", "0:1")]
    [InlineData("", "0:1")]
    [InlineData(" 1/3:2/3 ", "1/3:2/3")]
    public void TryParse_K6Forms_ReadsTheSegmentInLowestTerms(string text, string expected)
    {
        ExecutionSegment.TryParse(text, out var segment, out var error).ShouldBeTrue(error);

        segment.ToString().ShouldBe(expected);
    }

    [Fact]
    public void TryParse_OneValue_MeansFromZeroAsK6Reads()
    {
        // k6 reads "2/4" as 0:2/4, the first half, not "the second of four".
        var segment = ExecutionSegment.Parse("2/4");

        segment.From.ShouldBe(0);
        segment.To.ShouldBe(0.5);
        segment.Length.ShouldBe(0.5);
    }

    [Theory]
    [InlineData("1/2:1/4", "start (1/2) must be less than its end (1/4)")]
    [InlineData("1/2:1/2", "must be less than its end")]
    [InlineData("0:3/2", "end must be at most 1, got 3/2")]
    [InlineData("-1/4:1/2", "start must be at least 0")]
    [InlineData("half", "'half' is not a fraction")]
    [InlineData("1/0", "'1/0' is not a fraction")]
    [InlineData("2.5%", "'2.5%' is not a fraction")]
    [InlineData("1/4:", "'' is not a fraction")]
    public void TryParse_BadSegment_SaysWhatIsWrong(string text, string message)
    {
        ExecutionSegment.TryParse(text, out var segment, out var error).ShouldBeFalse();

        segment.ShouldBeNull();
        error.ShouldContain(message);
    }

    [Fact]
    public void SequenceTryParse_Points_MakesTheSegmentsBetweenThem()
    {
        ExecutionSegmentSequence.TryParse("0, 1/4, 50%, 0.75, 1", out var sequence, out var error).ShouldBeTrue(error);

        sequence.Segments.Select(s => s.ToString()).ShouldBe(["0:1/4", "1/4:1/2", "1/2:3/4", "3/4:1"]);
        sequence.ToString().ShouldBe("0,1/4,1/2,3/4,1");
    }

    [Theory]
    [InlineData("1", "at least 2 points")]
    [InlineData("0,1/2,1/4,1", "start (1/2) must be less than its end (1/4)")]
    [InlineData("0,x,1", "'x' is not a fraction")]
    public void SequenceTryParse_BadSequence_SaysWhatIsWrong(string text, string message)
    {
        ExecutionSegmentSequence.TryParse(text, out _, out var error).ShouldBeFalse();

        error.ShouldContain(message);
    }

    [Fact]
    public void Check_SegmentNotInTheSequence_IsAnError()
    {
        var errors = ExecutionSegmentSequence.Check(ExecutionSegment.Parse("1/4:3/4"), ExecutionSegmentSequence.Parse("0,1/4,1/2,3/4,1"));

        errors.ShouldHaveSingleItem().Message.ShouldContain("segment 1/4:3/4 is not one of the sequence's segments");
    }

    [Fact]
    public void Check_DenominatorsTooFine_IsAnErrorInsteadOfAHugeStripe()
    {
        var errors = ExecutionSegmentSequence.Check(ExecutionSegment.Parse("0:0.3333333"), null);

        errors.ShouldHaveSingleItem().Message.ShouldContain("common denominator of 10000000");
    }
}
