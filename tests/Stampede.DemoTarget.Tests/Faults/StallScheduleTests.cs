using Shouldly;
using Stampede.DemoTarget.Faults;

namespace Stampede.DemoTarget.Tests.Faults;

public class StallScheduleTests
{
    [Theory]
    [InlineData(0, 0)]        // a fresh server answers at once
    [InlineData(699, 0)]
    [InlineData(700, 300)]    // stall occupies the last 300 ms of each second
    [InlineData(850, 150)]
    [InlineData(999, 1)]
    [InlineData(1000, 0)]
    [InlineData(1750, 250)]
    public void RemainingStall_300msEvery1s_WaitsUntilStallEnds(int elapsedMs, int expectedMs)
    {
        var remaining = StallSchedule.RemainingStall(TimeSpan.FromMilliseconds(elapsedMs), TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(1));

        remaining.ShouldBe(TimeSpan.FromMilliseconds(expectedMs));
    }

    [Theory]
    [InlineData(0, 1000)]
    [InlineData(300, 0)]
    [InlineData(1000, 1000)]
    public void RemainingStall_Disabled_NeverWaits(int stallForMs, int stallEveryMs)
    {
        StallSchedule.RemainingStall(TimeSpan.FromMilliseconds(900), TimeSpan.FromMilliseconds(stallForMs), TimeSpan.FromMilliseconds(stallEveryMs))
            .ShouldBe(TimeSpan.Zero);
    }
}
