using Shouldly;
using Stampede.Execution;
using Stampede.Metrics;
using Stampede.Plans;
using Xunit;

namespace Stampede.Tests.Metrics;

public sealed class RunResultJsonTests
{
    [Fact]
    public async Task Deserialize_WhatSerializeWrote_KeepsEveryMetricAndHistogram()
    {
        var plan = TestPlan.Create("round-trip")
            .Scenario("s", s => s.PerVuIterations(2, 50).Iteration(vu =>
            {
                vu.Check("ok", vu.Iteration % 10 != 0);
                return Task.CompletedTask;
            }))
            .Threshold("checks", "rate>0.5")
            .Build();
        var result = await new Engine().RunAsync(plan);

        var json = RunResultJson.Serialize(result);
        var back = RunResultJson.Deserialize(json);

        back.Version.ShouldBe(1);
        back.Meta.Plan.ShouldBe("round-trip");
        back.Metrics.Select(m => m.Name).ShouldBe(result.Metrics.Select(m => m.Name));
        back.Checks.Single().Fails.ShouldBe(10);
        back.Thresholds.Single().Outcome.ShouldBe("passed");
        var duration = back.Metric("iteration_duration")!;
        var histogram = HistogramCodec.Decode(duration.Histogram!);
        histogram.TotalCount.ShouldBe(100);
        RunResultJson.Serialize(back).ShouldBe(json);
    }

    [Theory]
    [InlineData("[]", "not a Stampede result")]
    [InlineData("{\"format\":\"other\"}", "not a Stampede result")]
    [InlineData("{\"format\":\"stampede-result\",\"version\":99,\"meta\":{\"plan\":\"x\"}}", "newer than this Stampede understands")]
    [InlineData("{\"format\":\"stampede-result\",", "invalid result JSON")]
    public void Deserialize_NotAResult_SaysWhatIsWrong(string json, string message)
    {
        Should.Throw<FormatException>(() => RunResultJson.Deserialize(json)).Message.ShouldContain(message);
    }
}
