using Stampede.History.Analysis;

namespace Stampede.History.Tests.Analysis;

public sealed class DriftAnalysisTests
{
    [Fact]
    public void Analyze_LatencyRisingTenMsPerMinute_ReportsIncreasingDriftWithItsSlope()
    {
        // 30 minutes at 200 ms p95, +10 ms each minute: +600 ms per hour.
        var run = SyntheticRuns.Run(seed: 1, p95: 200, seconds: 1800, slopePerSecond: 10.0 / 60);

        var drift = DriftAnalysis.Analyze(run, "http_req_duration", "p95")!;

        drift.Verdict.ShouldBe(DriftVerdict.Increasing);
        drift.SlopePerHour.ShouldBe(600, tolerance: 60);
        drift.PValue.ShouldBeLessThan(0.001);
        drift.Describe().ShouldStartWith("drift of +");
    }

    [Fact]
    public void Analyze_SteadyLatency_ReportsNoDrift()
    {
        for (var seed = 0; seed < 5; seed++)
        {
            var run = SyntheticRuns.Run(seed: seed, p95: 200, seconds: 1800, noise: 0.2);

            var drift = DriftAnalysis.Analyze(run, "http_req_duration")!;

            drift.Verdict.ShouldBe(DriftVerdict.NoDrift, $"seed {seed}: {drift.Describe()}");
            drift.Describe().ShouldStartWith("no drift");
        }
    }

    [Fact]
    public void Analyze_SteadyLatencyWithSpikes_SlopeStaysNearZero()
    {
        var run = SyntheticRuns.Run(seed: 3, p95: 200, seconds: 600, shape: (second, value) => second % 97 == 0 ? value * 10 : value);

        var drift = DriftAnalysis.Analyze(run, "http_req_duration", "p95")!;

        drift.Verdict.ShouldBe(DriftVerdict.NoDrift);
        Math.Abs(drift.SlopePerHour).ShouldBeLessThan(20);
    }

    [Fact]
    public void Analyze_ThroughputSagging_ReportsDecreasing()
    {
        var run = SyntheticRuns.Run(seed: 4, seconds: 600, requestsPerSecond: 100);
        var requests = run.Metric("http_reqs")!;
        var sagging = requests.Timeline!.Values!.Select((v, i) => v * (1 - (0.3 * i / 600.0))).ToArray();
        run = run with { Metrics = [.. run.Metrics.Select(m => m.Name == "http_reqs" ? m with { Timeline = m.Timeline! with { Values = sagging } } : m)] };

        DriftAnalysis.Analyze(run, "http_reqs")!.Verdict.ShouldBe(DriftVerdict.Decreasing);
    }

    [Fact]
    public void AnalyzeMemory_GaugeGrowingFiftyMbPerHour_ReportsIncreasing()
    {
        var run = SyntheticRuns.WithMemory(SyntheticRuns.Run(seed: 5, seconds: 3600), seed: 5, bytesPerSecond: 50e6 / 3600);

        var memory = DriftAnalysis.AnalyzeMemory(run)!;

        memory.Metric.ShouldBe("process_resident_memory_bytes");
        memory.Verdict.ShouldBe(DriftVerdict.Increasing);
        memory.SlopePerHour.ShouldBe(50e6, tolerance: 5e6);
        memory.Describe().ShouldContain("MB per hour");
    }

    [Fact]
    public void AnalyzeMemory_FlatGauge_ReportsNoDrift()
    {
        var run = SyntheticRuns.WithMemory(SyntheticRuns.Run(seed: 6, seconds: 3600), seed: 6, bytesPerSecond: 0);

        DriftAnalysis.AnalyzeMemory(run)!.Verdict.ShouldBe(DriftVerdict.NoDrift);
    }

    [Fact]
    public void Analyze_ShortRunOrMissingMetric_TooShortOrNull()
    {
        var run = SyntheticRuns.Run(seed: 7, seconds: 10);

        DriftAnalysis.Analyze(run, "http_req_duration")!.Verdict.ShouldBe(DriftVerdict.TooShort);
        DriftAnalysis.Analyze(run, "no_such_metric").ShouldBeNull();
        DriftAnalysis.AnalyzeMemory(run).ShouldBeNull();
    }
}
