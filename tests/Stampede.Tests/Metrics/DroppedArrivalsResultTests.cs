using Shouldly;
using Stampede.Metrics;
using Stampede.Tests.Outputs;
using Xunit;

namespace Stampede.Tests.Metrics;

public sealed class DroppedArrivalsResultTests
{
    [Fact]
    public void From_OpenAndClosedModelScenarios_CountsTheArrivalRateOnesOnly()
    {
        var drops = DroppedArrivalsResult.From(OutputRuns.WithDrops().Scenarios)!;

        drops.Dropped.ShouldBe(120);
        drops.Started.ShouldBe(280);   // 270 that ran to the end and 10 interrupted; the closed model's 50 do not count
        drops.Fraction.ShouldBe(0.3, 1e-12);
        drops.Scenarios.ShouldHaveSingleItem().ShouldBe(new ScenarioDroppedArrivals("checkout", 120, 280));
    }

    [Fact]
    public void From_TwoArrivalRateScenarios_GivesEachItsShareAndTheOverallShareOfAllArrivals()
    {
        ScenarioResult[] scenarios =
        [
            new() { Name = "a", Executor = "constant-arrival-rate", Iterations = 90, DroppedIterations = 10 },
            new() { Name = "b", Executor = "ramping-arrival-rate", Iterations = 300 },
        ];

        var drops = DroppedArrivalsResult.From(scenarios)!;

        drops.Fraction.ShouldBe(10d / 400, 1e-12);
        drops.Scenarios.Select(s => s.Fraction).ShouldBe([0.1, 0]);
    }

    [Fact]
    public void From_NothingDropped_IsNull()
    {
        DroppedArrivalsResult.From(OutputRuns.WithoutDrops().Scenarios).ShouldBeNull();
    }

    [Fact]
    public void Serialize_ArrivalsDropped_WritesTheFiguresForMachinesToRead()
    {
        var json = RunResultJson.Serialize(OutputRuns.WithDrops());

        json.ShouldContain("\"droppedArrivals\":{\"dropped\":120,\"started\":280,\"fraction\":0.3,\"scenarios\":[{\"name\":\"checkout\",\"dropped\":120,\"started\":280,\"fraction\":0.3}]}");
        RunResultJson.Deserialize(json).DroppedArrivals!.Dropped.ShouldBe(120);
    }

    [Fact]
    public void Serialize_NothingDropped_LeavesTheFieldOut()
    {
        RunResultJson.Serialize(OutputRuns.WithoutDrops()).ShouldNotContain("droppedArrivals");
    }
}
