using Shouldly;
using Stampede.Execution;
using Stampede.Metrics;
using Stampede.Plans;
using Stampede.Thresholds;
using Xunit;

namespace Stampede.Tests.Thresholds;

public sealed class SubmetricValuesTests
{
    private static async Task<RunResult> RunAsync()
    {
        var plan = TestPlan.Create("submetrics")
            .Scenario("s", s => s.PerVuIterations(2, 20).Iteration(vu =>
            {
                vu.Check("ok", vu.Iteration % 4 != 0);
                return Task.CompletedTask;
            }))
            .Build();
        var result = await new Engine().RunAsync(plan);

        // Read back, as `stampede report` sees it: the submetric is worked out from the saved series.
        return RunResultJson.Deserialize(RunResultJson.Serialize(result));
    }

    [Fact]
    public async Task Find_TrendSelectorMatchingEverySeries_SameValuesTheRunGaveTheMetric()
    {
        var result = await RunAsync();
        var metric = result.Metric("iteration_duration")!;
        metric.Kind.ShouldBe(MetricKind.Trend);

        var values = SubmetricValues.Find(result, "iteration_duration{scenario:s}")!;

        values.ShouldBe(metric.Values);
    }

    [Fact]
    public async Task Find_RateSelectorMatchingEverySeries_SameValuesTheRunGaveTheMetric()
    {
        var result = await RunAsync();
        var metric = result.Metric("checks")!;
        metric.Kind.ShouldBe(MetricKind.Rate);

        var values = SubmetricValues.Find(result, "checks{scenario:s}")!;

        values.ShouldBe(metric.Values);
        values.Passes.ShouldBe(30);
        values.Fails.ShouldBe(10);
    }

    [Fact]
    public async Task Find_CounterSelectorMatchingEverySeries_SameCountNoOtherFigures()
    {
        var result = await RunAsync();

        var values = SubmetricValues.Find(result, "iterations{scenario:s}")!;

        values.Count.ShouldBe(40);
        values.Rate!.Value.ShouldBe(40 / result.Meta.DurationSeconds, 1e-9);
        values.Avg.ShouldBeNull();
        values.Passes.ShouldBeNull();
    }

    [Fact]
    public async Task Find_NoSeriesMatches_Null()
    {
        var result = await RunAsync();

        SubmetricValues.Find(result, "iterations{scenario:other}").ShouldBeNull();
    }
}
