using Shouldly;
using Stampede.Outputs;
using Xunit;

namespace Stampede.Tests.Outputs;

public sealed class DroppedArrivalsNoticeTests
{
    [Fact]
    public void For_ArrivalsDropped_SaysHowManyWhatShareAndThatThePercentilesExcludeThem()
    {
        var notice = DroppedArrivalsNotice.For(OutputRuns.WithDrops())!;

        notice.Headline.ShouldBe("120 of 400 arrivals (30.00%) were dropped: no VU was free to start them.");
        notice.Text.ShouldStartWith(notice.Headline);
        notice.Text.ShouldContain("The latency percentiles exclude them");
        notice.ScenarioLines.ShouldBe(["checkout: 120 of 400 arrivals dropped (30.00%)"]);
        notice.Reminder.ShouldBe("120 of 400 arrivals dropped (30.00%); the latency figures exclude them");
    }

    [Fact]
    public void For_NothingDropped_IsNull()
    {
        DroppedArrivalsNotice.For(OutputRuns.WithoutDrops()).ShouldBeNull();
    }

    [Fact]
    public void Live_ArrivalRateScenarioDropping_CountsItsIterationsOnly()
    {
        ScenarioProgress[] scenarios =
        [
            new("open", "constant-arrival-rate", 5, 5, 1_500, 500, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), true, false),
            new("closed", "constant-vus", 2, 2, 9_000, 0, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), true, false),
        ];

        DroppedArrivalsNotice.Live(scenarios).ShouldBe("500 of 2,000 arrivals dropped (25.00%): latencies exclude them");
        DroppedArrivalsNotice.Live([scenarios[1]]).ShouldBeNull();
    }
}
