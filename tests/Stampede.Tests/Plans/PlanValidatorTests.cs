using Shouldly;
using Stampede.Plans;
using Stampede.Plans.Executors;
using Xunit;

namespace Stampede.Tests.Plans;

public sealed class PlanValidatorTests
{
    private static ScenarioPlan Scenario(string name, ExecutorOptions executor) =>
        new() { Name = name, Executor = executor, Iteration = _ => Task.CompletedTask };

    [Fact]
    public void Validate_ReportsEveryProblemAtOnce()
    {
        var plan = new TestPlan
        {
            Name = "many",
            Scenarios =
            [
                Scenario("a", new RampingVusOptions { Stages = [new Stage(TimeSpan.Zero, 10)] }),
                Scenario("b", new ConstantArrivalRateOptions { Rate = -1, Duration = TimeSpan.FromSeconds(1), PreAllocatedVus = 5, MaxVus = 2 }),
                Scenario("c", new SharedIterationsOptions { Vus = 10, Iterations = 5 }),
                Scenario("c", new PerVuIterationsOptions { Iterations = 0 }),
            ],
            Thresholds = [new ThresholdPlan("vus", "p(95)<1"), new ThresholdPlan("checks", "rate<<1")],
        };

        var paths = plan.Validate().Select(e => e.Path).ToList();

        paths.ShouldBe(
        [
            "scenarios.a.stages", "scenarios.b.rate", "scenarios.b.maxVUs", "scenarios.c.iterations",
            "scenarios.c", "scenarios.c.iterations", "thresholds.vus", "thresholds.checks",
        ], ignoreOrder: true);
    }

    [Fact]
    public void Validate_ThresholdAggregationMustFitTheMetricKind()
    {
        var plan = new TestPlan
        {
            Name = "kinds",
            Scenarios = [Scenario("a", new ConstantVusOptions { Duration = TimeSpan.FromSeconds(1) })],
            Thresholds = [new ThresholdPlan("http_req_failed", "p(95)<1")],
        };

        plan.Validate().Single().Message.ShouldContain("does not apply to a Rate metric");
    }

    [Fact]
    public void Validate_UnknownMetricWithSeveralThresholds_ReportsTheMetricOnce()
    {
        // The library reported an unknown metric once per expression, the YAML loader once per selector; once per selector.
        var plan = new TestPlan
        {
            Name = "unknown",
            Scenarios = [Scenario("a", new ConstantVusOptions { Duration = TimeSpan.FromSeconds(1) })],
            Thresholds = [new ThresholdPlan("http_req_duraton", "p(95)<500"), new ThresholdPlan("http_req_duraton", "p(99)<<900")],
        };

        var error = plan.Validate().ShouldHaveSingleItem();

        error.Message.ShouldBe("unknown metric 'http_req_duraton'; did you mean 'http_req_duration'?");
    }

    [Fact]
    public void Validate_BadExpressionWithoutLocation_SaysTheColumn()
    {
        // The library said where a selector went wrong but not where an expression did; both say it now.
        var plan = new TestPlan
        {
            Name = "syntax",
            Scenarios = [Scenario("a", new ConstantVusOptions { Duration = TimeSpan.FromSeconds(1) })],
            Thresholds = [new ThresholdPlan("http_req_duration", "p(95)<<500")],
        };

        var error = plan.Validate().ShouldHaveSingleItem();

        error.Message.ShouldStartWith("bad threshold 'p(95)<<500': ");
        error.Message.ShouldEndWith("(column 7)");
    }

    [Fact]
    public void Validate_ValidPlan_HasNoErrors()
    {
        var plan = new TestPlan
        {
            Name = "ok",
            BaseUrl = new Uri("http://127.0.0.1:5000"),
            Scenarios = [Scenario("a", new RampingArrivalRateOptions { Stages = [new Stage(TimeSpan.FromSeconds(10), 100)], PreAllocatedVus = 10 })],
            Thresholds = [new ThresholdPlan("http_req_duration{scenario:a}", "p(99.9)<1500")],
        };

        plan.Validate().ShouldBeEmpty();
    }

    [Fact]
    public void Validate_RampingVusThatNeverLeavesZero_ReportsTheStages()
    {
        var plan = new TestPlan
        {
            Name = "idle",
            Scenarios = [Scenario("a", new RampingVusOptions { StartVus = 0, Stages = [new Stage(TimeSpan.FromSeconds(10), 0), new Stage(TimeSpan.FromSeconds(5), 0)] })],
        };

        var error = plan.Validate().ShouldHaveSingleItem();

        error.Path.ShouldBe("scenarios.a.stages");
        error.Message.ShouldContain("no VU would ever run");
    }

    [Fact]
    public void Validate_RampingVusFromOneDownToZero_IsValid()
    {
        var plan = new TestPlan
        {
            Name = "drain",
            Scenarios = [Scenario("a", new RampingVusOptions { StartVus = 1, Stages = [new Stage(TimeSpan.FromSeconds(10), 0)] })],
        };

        plan.Validate().ShouldBeEmpty();
    }

    [Fact]
    public void Validate_RampingArrivalRateThatNeverLeavesZero_ReportsTheStages()
    {
        var plan = new TestPlan
        {
            Name = "idle",
            Scenarios = [Scenario("a", new RampingArrivalRateOptions { PreAllocatedVus = 1, Stages = [new Stage(TimeSpan.FromSeconds(10), 0)] })],
        };

        var error = plan.Validate().ShouldHaveSingleItem();

        error.Path.ShouldBe("scenarios.a.stages");
        error.Message.ShouldContain("no iteration would ever start");
    }

    [Fact]
    public void Validate_RampingArrivalRateFromAStartRateDownToZero_IsValid()
    {
        var plan = new TestPlan
        {
            Name = "drain",
            Scenarios = [Scenario("a", new RampingArrivalRateOptions { StartRate = 5, PreAllocatedVus = 1, Stages = [new Stage(TimeSpan.FromSeconds(10), 0)] })],
        };

        plan.Validate().ShouldBeEmpty();
    }
}
