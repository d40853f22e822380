using Shouldly;

namespace Stampede.DemoTarget.Tests;

public class DemoTargetOptionsTests
{
    [Fact]
    public void Validate_Defaults_NoProblems()
    {
        new DemoTargetOptions().Validate().ShouldBeEmpty();
    }

    [Fact]
    public void Validate_ManyBadKnobs_ReportsEveryProblemAtOnce()
    {
        var options = new DemoTargetOptions
        {
            Host = " ",
            Port = 70000,
            ErrorRate = -0.1,
            DropRate = double.NaN,
            InterTokenDelayMean = TimeSpan.FromMilliseconds(-1),
            StallFor = TimeSpan.FromSeconds(2),
            StallEvery = TimeSpan.FromSeconds(1),
            MaxConcurrency = 0,
            DefaultOrgBudgetUsd = -1,
        };

        var problems = options.Validate();

        problems.Count.ShouldBe(8);
        problems.ShouldContain(p => p.StartsWith("Host"));
        problems.ShouldContain(p => p.StartsWith("Port"));
        problems.ShouldContain(p => p.StartsWith("ErrorRate"));
        problems.ShouldContain(p => p.StartsWith("DropRate"));
        problems.ShouldContain(p => p.StartsWith("InterTokenDelayMean"));
        problems.ShouldContain(p => p.StartsWith("StallEvery"));
        problems.ShouldContain(p => p.StartsWith("MaxConcurrency"));
        problems.ShouldContain(p => p.StartsWith("DefaultOrgBudgetUsd"));
    }

    [Fact]
    public void Defaults_Documented_MatchTheDocs()
    {
        var options = new DemoTargetOptions();

        options.Host.ShouldBe("127.0.0.1");
        options.Port.ShouldBe(5000);
        options.Seed.ShouldBe(42);
        options.TimeToFirstTokenMean.ShouldBe(TimeSpan.FromMilliseconds(200));
        options.InterTokenDelayMean.ShouldBe(TimeSpan.FromMilliseconds(20));
        options.MaxConcurrency.ShouldBe(256);
        options.ErrorRate.ShouldBe(0);
        options.SeedDemoOrg.ShouldBeTrue();
    }
}
