using Shouldly;
using Stampede.Execution;
using Stampede.Monitoring;
using Stampede.Plans.Monitoring;
using Xunit;

namespace Stampede.Tests.Monitoring;

public sealed class LimitMonitorTests
{
    [Fact]
    public void Observe_ErrorsAboveMaxForTheWholeWindow_RequestsStop()
    {
        var control = new RunControl();
        var limits = new LimitMonitor(new RunLimits { ErrorRate = new ErrorRateLimit(0.1, TimeSpan.FromSeconds(3)) }, control.RequestStop);

        limits.Observe(TimeSpan.FromSeconds(1), failed: 5, requests: 10);
        limits.Observe(TimeSpan.FromSeconds(2), failed: 0, requests: 0);   // no requests: neither counts nor resets
        limits.Observe(TimeSpan.FromSeconds(3), failed: 2, requests: 10);
        control.StopReason.ShouldBeNull();
        limits.Observe(TimeSpan.FromSeconds(4), failed: 10, requests: 10);

        control.StopReason.ShouldBe("limit errorRate reached: more than 10% of requests failed for 3s (last second: 100%)");
    }

    [Fact]
    public void Observe_AGoodSecondInBetween_StartsTheWindowAgain()
    {
        var control = new RunControl();
        var limits = new LimitMonitor(new RunLimits { ErrorRate = new ErrorRateLimit(0.1, TimeSpan.FromSeconds(2)) }, control.RequestStop);

        limits.Observe(TimeSpan.FromSeconds(1), 5, 10);
        limits.Observe(TimeSpan.FromSeconds(2), 1, 10);
        limits.Observe(TimeSpan.FromSeconds(3), 5, 10);

        control.StopReason.ShouldBeNull();
    }

    [Fact]
    public void Observe_MaxDurationReached_RequestsStop()
    {
        var control = new RunControl();
        var limits = new LimitMonitor(new RunLimits { MaxDuration = TimeSpan.FromMinutes(10) }, control.RequestStop);

        limits.Observe(TimeSpan.FromSeconds(599), 0, 10);
        control.StopReason.ShouldBeNull();
        limits.Observe(TimeSpan.FromSeconds(600.2), 0, 10);

        control.StopReason.ShouldBe("limit maxDuration reached: the run lasted 10m");
    }
}
