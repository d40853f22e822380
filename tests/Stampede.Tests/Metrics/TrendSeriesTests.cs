using Shouldly;
using Stampede.Metrics;
using Xunit;

namespace Stampede.Tests.Metrics;

public sealed class TrendSeriesTests
{
    private static readonly Metric Latency = new("latency", MetricKind.Trend, MetricUnit.Time);

    [Fact]
    public void Stats_UniformSamples_PercentilesWithinAThousandth()
    {
        var registry = new MetricRegistry();
        var series = registry.Trend(Latency, TagSet.Empty);
        for (var i = 1; i <= 10_000; i++)
        {
            series.Record(i / 10.0);     // 0.1 ms … 1000 ms
        }

        registry.Collect();
        var stats = series.Stats;

        stats.Count.ShouldBe(10_000);
        stats.Min.ShouldBe(0.1);
        stats.Max.ShouldBe(1000);
        stats.Avg.ShouldBe(500.05, 1e-9);
        stats.Med.ShouldBe(500, 500 * 0.001);
        stats.P90.ShouldBe(900, 900 * 0.001);
        stats.P99.ShouldBe(990, 990 * 0.001);
    }

    [Fact]
    public void Collect_SplitsSamplesIntoSeconds()
    {
        var registry = new MetricRegistry();
        var series = registry.Trend(Latency, TagSet.Empty);
        series.Record(10);
        series.Record(30);
        registry.Collect();
        registry.Collect();
        series.Record(100);
        registry.Collect();

        series.Points.Select(p => p.Count).ShouldBe([2L, 0L, 1L]);
        series.Points[0].Avg.ShouldBe(20);
        series.Points[2].P99.ShouldBe(100, 0.1);
        series.Stats.Count.ShouldBe(3);
    }

    [Fact]
    public void Record_NegativeOrHugeValues_AreClampedNotLost()
    {
        var registry = new MetricRegistry();
        var series = registry.Trend(Latency, TagSet.Empty);
        series.Record(-5);
        series.Record(double.NaN);
        series.Record(TimeSpan.FromHours(5).TotalMilliseconds);
        registry.Collect();

        series.Stats.Count.ShouldBe(3);
        series.Stats.P99.ShouldBe(TimeSpan.FromHours(1).TotalMilliseconds, 3_600_000 * 0.001);
    }

    [Fact]
    public async Task Record_FromManyThreads_LosesNoSample()
    {
        var registry = new MetricRegistry();
        var series = registry.Trend(Latency, TagSet.Empty);
        var collector = Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                registry.Collect();
                await Task.Delay(1);
            }
        });
        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 50_000; i++)
            {
                series.Record(1.5);
            }
        });
        await collector;
        registry.Collect();

        series.Stats.Count.ShouldBe(400_000);
        series.Points.Sum(p => p.Count).ShouldBe(400_000);
        series.Stats.Avg.ShouldBe(1.5, 1e-9);
    }

    [Fact]
    public void Record_SteadyState_DoesNotAllocate()
    {
        var registry = new MetricRegistry();
        var series = registry.Trend(Latency, TagSet.Of(("name", "x")));

        // Steady state means after tiered JIT has settled: the first rounds may allocate for call counting and
        // on-stack replacement of the loop itself, which is the runtime's cost, not the recording's.
        long allocated = -1;
        for (var round = 0; round < 5 && allocated != 0; round++)
        {
            allocated = RecordMany(series);
        }

        allocated.ShouldBe(0);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static long RecordMany(TrendSeries series)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100_000; i++)
        {
            series.Record(i % 997);
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
