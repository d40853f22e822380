using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Stampede.Execution;
using Stampede.Metrics;
using Xunit;

namespace Stampede.Tests.Execution;

public sealed class HarnessMonitorTests
{
    [Fact]
    public async Task Sample_TwoTicks_RecordsLagQueueGcAndCpu()
    {
        var registry = new MetricRegistry();
        var time = new FakeTimeProvider();
        var monitor = new HarnessMonitor(registry, time);
        var lag = registry.SeriesOf("harness_scheduling_lag").Cast<TrendSeries>().Single();

        monitor.Sample();
        // The probe work item records its wait when a pool thread runs it; collect until it has.
        await FakeClockRun.UntilAsync(() =>
        {
            registry.Collect();
            return lag.Stats.Count >= 1;
        }, "the scheduling-lag probe");
        time.Advance(TimeSpan.FromSeconds(1));
        monitor.Sample();
        registry.Collect();

        lag.Stats.Count.ShouldBeGreaterThanOrEqualTo(1);
        registry.SeriesOf("harness_cpu").ShouldHaveSingleItem();
        registry.SeriesOf("harness_threadpool_queue").ShouldHaveSingleItem();
        registry.SeriesOf("harness_gc_pause").Cast<CounterSeries>().Single().Total.ShouldBeGreaterThanOrEqualTo(0);
    }
}
