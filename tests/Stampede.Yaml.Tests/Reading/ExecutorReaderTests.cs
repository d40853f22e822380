using Stampede.Plans;
using Stampede.Plans.Executors;

namespace Stampede.Yaml.Tests.Reading;

/// <summary>An executor written with only its required keys gets every other value from its options record, not from the loader.</summary>
public sealed class ExecutorReaderTests
{
    private static readonly Stage[] OneStage = [new(TimeSpan.FromSeconds(10), 5)];

    public static TheoryData<string, ExecutorOptions> RequiredOnly() => new()
    {
        { "executor: constant-vus, duration: 10s", new ConstantVusOptions { Duration = TimeSpan.FromSeconds(10) } },
        { "executor: ramping-vus, stages: [ { duration: 10s, target: 5 } ]", new RampingVusOptions { Stages = OneStage } },
        {
            "executor: constant-arrival-rate, rate: 20, duration: 10s, preAllocatedVUs: 4",
            new ConstantArrivalRateOptions { Rate = 20, Duration = TimeSpan.FromSeconds(10), PreAllocatedVus = 4 }
        },
        {
            "executor: ramping-arrival-rate, stages: [ { duration: 10s, target: 5 } ], preAllocatedVUs: 4",
            new RampingArrivalRateOptions { Stages = OneStage, PreAllocatedVus = 4 }
        },
        { "executor: per-vu-iterations", new PerVuIterationsOptions() },
        { "executor: shared-iterations", new SharedIterationsOptions() },
    };

    [Theory]
    [MemberData(nameof(RequiredOnly))]
    public void Read_OnlyRequiredKeys_BuildsTheRecordsDefaults(string keys, ExecutorOptions expected)
    {
        var result = YamlPlanLoader.LoadText($"name: t\nscenarios:\n  a: {{ {keys}, flow: [ {{ get: http://127.0.0.1/ }} ] }}\n", "t.yaml", ".");

        result.Errors.ShouldBeEmpty();
        var options = result.Plan!.Scenarios.ShouldHaveSingleItem().Executor;
        var stages = options switch
        {
            RampingVusOptions ramping => ramping.Stages,
            RampingArrivalRateOptions ramping => ramping.Stages,
            _ => [],
        };

        // Records compare lists by reference, so the stages are compared on their own.
        stages.ShouldBe(expected is RampingVusOptions or RampingArrivalRateOptions ? OneStage : []);
        var comparable = options switch
        {
            RampingVusOptions ramping => ramping with { Stages = OneStage },
            RampingArrivalRateOptions ramping => ramping with { Stages = OneStage },
            _ => options,
        };
        comparable.ShouldBe(expected);
    }

    [Fact]
    public void Read_ScenarioWithoutTimingKeys_KeepsTheScenarioRecordsDefaults()
    {
        var defaults = new ScenarioPlan { Name = "a", Executor = new ConstantVusOptions(), Iteration = _ => Task.CompletedTask };

        var scenario = YamlPlanLoader.LoadText("name: t\nscenarios:\n  a: { executor: constant-vus, duration: 1s, flow: [ { get: http://127.0.0.1/ } ] }\n", "t.yaml", ".")
            .Plan!.Scenarios.ShouldHaveSingleItem();

        scenario.GracefulStop.ShouldBe(defaults.GracefulStop);
        scenario.StartTime.ShouldBe(defaults.StartTime);
        scenario.Tags.ShouldBeEmpty();
        scenario.Env.ShouldBeEmpty();
    }

    [Fact]
    public void Read_PlanWithoutSeedOrSetupTimeout_KeepsThePlanRecordsDefaults()
    {
        var defaults = new TestPlan { Name = "t" };

        var plan = YamlPlanLoader.LoadText("name: t\nscenarios:\n  a: { flow: [ { get: http://127.0.0.1/ } ] }\n", "t.yaml", ".").Plan!;

        plan.Seed.ShouldBe(defaults.Seed);
        plan.SetupTimeout.ShouldBe(defaults.SetupTimeout);
    }
}
