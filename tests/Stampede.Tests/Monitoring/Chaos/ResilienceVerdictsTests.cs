using Shouldly;
using Stampede.Metrics;
using Stampede.Monitoring.Chaos;
using Stampede.Plans.Monitoring;
using Xunit;

namespace Stampede.Tests.Monitoring.Chaos;

public sealed class ResilienceVerdictsTests
{
    private static readonly ResilienceOptions Options = new();

    [Fact]
    public void Judge_OutageThenRecovery_MeasuresDetectionRecoveryAndLoss()
    {
        // 100 req/s at 10ms; the fault at 5.0s; seconds 5–7 fail completely; back from second 8.
        var seconds = Seconds(healthy: 5).Concat([new(100, 100, 5), new(100, 100, 5), new(50, 50, 5)]).Concat(Seconds(healthy: 5)).ToList();
        var fault = new RunAnnotation { At = 5.0, End = 5.2, Kind = "command", Description = "restart" };

        var verdict = ResilienceVerdicts.Judge(fault, seconds, firstFaultAt: 5.0, Options);

        verdict.DetectionSeconds.ShouldBe(1);
        verdict.RecoverySeconds.ShouldBe(3);
        verdict.Recovered.ShouldBe(true);
        verdict.RequestsLost.ShouldBe(300);
    }

    [Fact]
    public void Judge_LatencyOnly_IsDetectedByP95()
    {
        var seconds = Seconds(healthy: 4).Concat([new(100, 0, 400), new(100, 0, 400)]).Concat(Seconds(healthy: 4)).ToList();

        var verdict = ResilienceVerdicts.Judge(new RunAnnotation { At = 4.0, Kind = "proxy", Description = "slow" }, seconds, 4.0, Options);

        verdict.DetectionSeconds.ShouldBe(1);
        verdict.RecoverySeconds.ShouldBe(2);
        verdict.RequestsLost.ShouldBe(0);
    }

    [Fact]
    public void Judge_NoImpact_RecoversAtOnceWithoutDetection()
    {
        var verdict = ResilienceVerdicts.Judge(new RunAnnotation { At = 3.0, Kind = "http", Description = "noop" }, Seconds(healthy: 10).ToList(), 3.0, Options);

        verdict.DetectionSeconds.ShouldBeNull();
        verdict.RecoverySeconds.ShouldBe(0);
        verdict.Recovered.ShouldBe(true);
    }

    [Fact]
    public void Judge_StillFailingAtTheEnd_IsNotRecovered()
    {
        var seconds = Seconds(healthy: 4).Concat(Enumerable.Repeat(new SecondStats(100, 90, 5), 4)).ToList();

        var verdict = ResilienceVerdicts.Judge(new RunAnnotation { At = 4.5, Kind = "command", Description = "kill" }, seconds, 4.5, Options);

        verdict.Recovered.ShouldBe(false);
        verdict.RecoverySeconds.ShouldBe(3.5);
    }

    private static IEnumerable<SecondStats> Seconds(int healthy) => Enumerable.Repeat(new SecondStats(100, 0, 10), healthy);
}
