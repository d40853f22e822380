using Stampede.History.Analysis;
using Stampede.Metrics;

namespace Stampede.History.Tests.Analysis;

public sealed class AnomalyDetectorTests
{
    [Fact]
    public void Find_LatencySpikeOfThreeSeconds_ReportsItsStartEndAndPeak()
    {
        var run = SyntheticRuns.Run(seed: 1, p95: 200, seconds: 120, shape: (second, value) => second is >= 50 and <= 52 ? 1500 : value);

        var anomalies = AnomalyDetector.Find(run);

        var spike = anomalies.ShouldHaveSingleItem();
        spike.Kind.ShouldBe(AnomalyKind.LatencySpike);
        spike.Metric.ShouldBe("http_req_duration");
        (spike.StartSecond, spike.EndSecond).ShouldBe((50, 52));
        spike.Peak.ShouldBe(1500);
        spike.Usual.ShouldBe(200, tolerance: 20);
    }

    [Fact]
    public void Find_QuietNoisyRun_ReportsNothing()
    {
        for (var seed = 0; seed < 5; seed++)
        {
            AnomalyDetector.Find(SyntheticRuns.Run(seed: seed, p95: 200, seconds: 300, noise: 0.1)).ShouldBeEmpty($"seed {seed}");
        }
    }

    [Fact]
    public void Find_ErrorBurstAndThroughputDrop_ReportsBoth()
    {
        var run = SyntheticRuns.Run(seed: 2, seconds: 120, errorRate: 0.001);
        run = run with
        {
            Metrics =
            [
                .. run.Metrics.Select(m => m.Name switch
                {
                    "http_req_failed" => m with { Timeline = m.Timeline! with { Passes = [.. m.Timeline.Passes!.Select((p, i) => i is >= 80 and < 85 ? m.Timeline.Total![i] / 2 : p)] } },
                    "http_reqs" => m with { Timeline = m.Timeline! with { Values = [.. m.Timeline.Values!.Select((v, i) => i is >= 30 and < 34 ? v * 0.1 : v)] } },
                    _ => m,
                }),
            ],
        };

        var anomalies = AnomalyDetector.Find(run);

        anomalies.Select(a => (a.Kind, a.StartSecond, a.EndSecond)).ShouldBe([(AnomalyKind.ThroughputDrop, 30, 33), (AnomalyKind.ErrorBurst, 80, 84)]);
        anomalies[1].Peak.ShouldBe(0.5, tolerance: 0.02);
    }

    [Fact]
    public void Find_FlatSeriesWithSmallWobble_IsNotAnAnomaly()
    {
        var points = Enumerable.Range(0, 60).Select(i => new SecondValue(i, i == 30 ? 101 : 100)).ToArray();

        AnomalyDetector.Find("x", "p95", MetricUnit.Time, points, AnomalyKind.LatencySpike).ShouldBeEmpty();
    }
}
