using Shouldly;
using Stampede.Metrics;
using Stampede.Plans;
using Stampede.Plans.Executors;
using Xunit;

namespace Stampede.Tests.Plans;

public sealed class PlanWarningsTests
{
    private static readonly SourceLocation Written = new("plan.yaml", 9, 3);

    private static ScenarioPlan Scenario(ExecutorOptions executor) =>
        new() { Name = "a", Executor = executor, Iteration = _ => Task.CompletedTask };

    private static readonly ExecutorOptions Closed = new ConstantVusOptions { Duration = TimeSpan.FromSeconds(30) };

    private static readonly ExecutorOptions Open = new ConstantArrivalRateOptions { Rate = 10, Duration = TimeSpan.FromSeconds(30), PreAllocatedVus = 2 };

    [Theory]
    [InlineData("dropped_iterations", "count==0")]
    [InlineData("iteration_lateness", "p(95)<10")]
    [InlineData("iteration_response_time{scenario:a}", "p(99)<500")]
    [InlineData("llm_ttft_scheduled", "p(95)<800")]
    public void Warnings_ArrivalRateMetricWithOnlyClosedScenarios_WarnsAtTheThreshold(string selector, string expression)
    {
        var plan = new TestPlan
        {
            Name = "closed",
            Scenarios = [Scenario(Closed)],
            Thresholds = [new ThresholdPlan(selector, expression) { Location = Written }],
        };

        var warning = plan.Warnings().ShouldHaveSingleItem();

        warning.Path.ShouldBe($"thresholds.{selector}");
        warning.Message.ShouldContain("only arrival-rate scenarios record");
        warning.Location.ShouldBe(Written);
    }

    [Fact]
    public void Warnings_ArrivalRateMetricWithAnOpenScenario_HasNone()
    {
        var plan = new TestPlan
        {
            Name = "open",
            Scenarios = [Scenario(Closed) with { Name = "b" }, Scenario(Open)],
            Thresholds = [new ThresholdPlan("dropped_iterations", "count==0")],
        };

        plan.Warnings().ShouldBeEmpty();
    }

    [Fact]
    public void Warnings_MetricsEveryRunRecords_HaveNone()
    {
        var plan = new TestPlan
        {
            Name = "builtins",
            Scenarios = [Scenario(Closed)],
            Thresholds =
            [
                new ThresholdPlan("checks", "rate>0.99"), new ThresholdPlan("iterations", "count>1"), new ThresholdPlan("vus", "value<10"),
                new ThresholdPlan("data_sent", "count>0"), new ThresholdPlan("http_req_duration{scenario:a}", "p(95)<500"),
            ],
        };

        plan.Warnings().ShouldBeEmpty();
    }

    [Fact]
    public void Warnings_ArrivalRateMetricNameDeclaredByThePlan_HasNone()
    {
        var plan = new TestPlan
        {
            Name = "declared",
            Scenarios = [Scenario(Closed)],
            Metrics = [new Metric("dropped_iterations", MetricKind.Counter)],
            Thresholds = [new ThresholdPlan("dropped_iterations", "count==0")],
        };

        plan.Warnings().ShouldBeEmpty();
    }

    [Fact]
    public void Warnings_AbortDelayedPastTheWholeRun_WarnsAtTheDelay()
    {
        // 30s of schedule + the 30s default graceful stop: the run is over by 1m.
        var plan = new TestPlan
        {
            Name = "late",
            Scenarios = [Scenario(Closed)],
            Thresholds = [new ThresholdPlan("http_req_failed", "rate<0.01", AbortOnFail: true, DelayAbortEval: TimeSpan.FromMinutes(1))],
        };

        var warning = plan.Warnings().ShouldHaveSingleItem();

        warning.Path.ShouldBe("thresholds.http_req_failed.delayAbortEval");
        warning.Message.ShouldContain("abortOnFail can never stop the run");
        warning.Message.ShouldContain("(1m)");
    }

    [Fact]
    public void Warnings_AbortDelayedWithinTheRun_HasNone()
    {
        var plan = new TestPlan
        {
            Name = "soon",
            Scenarios = [Scenario(Closed)],
            Thresholds = [new ThresholdPlan("http_req_failed", "rate<0.01", AbortOnFail: true, DelayAbortEval: TimeSpan.FromSeconds(59))],
        };

        plan.Warnings().ShouldBeEmpty();
    }
}
