using Stampede.Plans.Executors;
using Stampede.Plans.Profiles;

namespace Stampede.Yaml.Tests.Profiles;

public sealed class LoadProfilesTests
{
    [Fact]
    public void Find_EveryName_ReturnsAProfileThatBuildsValidOptions()
    {
        foreach (var name in LoadProfiles.Names)
        {
            var options = LoadProfiles.Find(name)!.Build();
            var errors = new List<Plans.PlanError>();
            options.Validate("p", errors);
            errors.ShouldBeEmpty(name);
        }
    }

    [Fact]
    public void Build_Spike_JumpsFromFiveToHundredInTenSeconds()
    {
        var spike = (RampingVusOptions)new SpikeProfile().Build();

        spike.StartVus.ShouldBe(5);
        spike.Stages[1].ShouldBe(new Plans.Stage(TimeSpan.FromSeconds(10), 100));
        spike.ScheduledDuration.ShouldBe(TimeSpan.FromMinutes(3), TimeSpan.FromMilliseconds(5));
    }

    [Fact]
    public void Build_WithShare_SplitsVusByWeight()
    {
        var parameters = new ProfileParameters { Vus = 40, Duration = TimeSpan.FromSeconds(20) };

        var big = (ConstantVusOptions)new SustainedProfile().Build(parameters, 0.75);
        var small = (ConstantVusOptions)new SustainedProfile().Build(parameters, 0.25);

        (big.Vus, small.Vus).ShouldBe((30, 10));
        big.Duration.ShouldBe(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void Build_Stress_StepsPastThePeakAndEndsAtZero()
    {
        var stress = (RampingVusOptions)new StressProfile().Build(new ProfileParameters { Vus = 10 });

        stress.Stages.Max(s => s.Target).ShouldBe(20);
        stress.Stages[^1].Target.ShouldBe(0);
    }

    [Fact]
    public void RateAt_HalfwayThroughBreakpointRamp_IsHalfTheRate()
    {
        var options = (RampingArrivalRateOptions)new BreakpointProfile().Build(new ProfileParameters { Rate = 201, Duration = TimeSpan.FromSeconds(100) });

        BreakpointProfile.RateAt(options, TimeSpan.FromSeconds(50)).ShouldBe(101, 0.001);
    }
}
