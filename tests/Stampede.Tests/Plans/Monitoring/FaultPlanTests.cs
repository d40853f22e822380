using Shouldly;
using Stampede.Plans.Monitoring;
using Xunit;

namespace Stampede.Tests.Plans.Monitoring;

public sealed class FaultPlanTests
{
    private static readonly FaultAction Noop = new DelegateFault("noop", _ => Task.CompletedTask);

    [Fact]
    public void FiringTimes_Once_FiresAtItsTimeWithinTheRun()
    {
        var fault = new FaultPlan { Name = "once", Action = Noop, At = TimeSpan.FromSeconds(30) };

        fault.FiringTimes(TimeSpan.FromMinutes(1)).ShouldBe([TimeSpan.FromSeconds(30)]);
        fault.FiringTimes(TimeSpan.FromSeconds(30)).ShouldBeEmpty();
    }

    [Fact]
    public void FiringTimes_EveryFrom_FiresAtComputedOffsets()
    {
        var fault = new FaultPlan { Name = "often", Action = Noop, At = TimeSpan.FromSeconds(30), Every = TimeSpan.FromMinutes(1) };

        fault.FiringTimes(TimeSpan.FromMinutes(3)).ShouldBe([TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(150)]);
    }
}
