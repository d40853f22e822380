using Shouldly;
using Stampede.Thresholds;
using Xunit;

namespace Stampede.Tests.Thresholds;

public sealed class ThresholdTrackerTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(10);

    [Fact]
    public void Observe_FailureBeforeDelay_DoesNotAbortButIsRemembered()
    {
        var tracker = Tracker(abortOnFail: true, Delay);

        tracker.Observe(Seconds(3), ThresholdOutcome.Failed).ShouldBeFalse();
        tracker.Observe(Seconds(9), ThresholdOutcome.Failed).ShouldBeFalse();

        tracker.FirstFailedAt.ShouldBe(Seconds(3));
        tracker.AbortedAt.ShouldBeNull();
    }

    [Fact]
    public void Observe_FailureExactlyAtDelay_Aborts()
    {
        var tracker = Tracker(abortOnFail: true, Delay);
        tracker.Observe(Seconds(9), ThresholdOutcome.Failed);

        tracker.Observe(Seconds(10), ThresholdOutcome.Failed).ShouldBeTrue();

        tracker.AbortedAt.ShouldBe(Seconds(10));
        tracker.FirstFailedAt.ShouldBe(Seconds(9));
    }

    [Fact]
    public void Observe_FailureDuringDelayThenRecovered_DoesNotAbort()
    {
        var tracker = Tracker(abortOnFail: true, Delay);
        tracker.Observe(Seconds(2), ThresholdOutcome.Failed);

        tracker.Observe(Seconds(10), ThresholdOutcome.Passed).ShouldBeFalse();
        tracker.Observe(Seconds(11), ThresholdOutcome.Passed).ShouldBeFalse();

        tracker.LastOutcome.ShouldBe(ThresholdOutcome.Passed);
        tracker.FirstFailedAt.ShouldBe(Seconds(2));
    }

    [Fact]
    public void Observe_NoDelay_AbortsOnFirstFailure()
    {
        var tracker = Tracker(abortOnFail: true, TimeSpan.Zero);

        tracker.Observe(TimeSpan.Zero, ThresholdOutcome.Passed).ShouldBeFalse();
        tracker.Observe(Seconds(1), ThresholdOutcome.Failed).ShouldBeTrue();
    }

    [Fact]
    public void Observe_AfterAbort_StaysAbortedWhenItPassesAgain()
    {
        var tracker = Tracker(abortOnFail: true, TimeSpan.Zero);
        tracker.Observe(Seconds(1), ThresholdOutcome.Failed);

        tracker.Observe(Seconds(2), ThresholdOutcome.Passed).ShouldBeTrue();

        tracker.AbortedAt.ShouldBe(Seconds(1));
    }

    [Fact]
    public void Observe_WithoutAbortOnFail_NeverAborts()
    {
        var tracker = Tracker(abortOnFail: false, TimeSpan.Zero);

        tracker.Observe(Seconds(1), ThresholdOutcome.Failed).ShouldBeFalse();
        tracker.Observe(Seconds(60), ThresholdOutcome.Failed).ShouldBeFalse();

        tracker.FirstFailedAt.ShouldBe(Seconds(1));
    }

    [Fact]
    public void Observe_NoData_NeverAbortsNorCountsAsFailure()
    {
        var tracker = Tracker(abortOnFail: true, TimeSpan.Zero);

        tracker.Observe(Seconds(30), ThresholdOutcome.NoData).ShouldBeFalse();

        tracker.FirstFailedAt.ShouldBeNull();
        tracker.LastOutcome.ShouldBe(ThresholdOutcome.NoData);
    }

    [Fact]
    public void Observe_TimeGoingBackwards_Throws()
    {
        var tracker = Tracker(abortOnFail: true, TimeSpan.Zero);
        tracker.Observe(Seconds(5), ThresholdOutcome.Passed);

        Should.Throw<ArgumentOutOfRangeException>(() => tracker.Observe(Seconds(4), ThresholdOutcome.Passed));
        Should.Throw<ArgumentOutOfRangeException>(() => Tracker(false, TimeSpan.Zero).Observe(Seconds(-1), ThresholdOutcome.Passed));
    }

    private static ThresholdTracker Tracker(bool abortOnFail, TimeSpan delay) =>
        new(new ThresholdRule(ThresholdExpression.Parse("p(95)<500").Value!, abortOnFail, delay));

    private static TimeSpan Seconds(int seconds) => TimeSpan.FromSeconds(seconds);
}
