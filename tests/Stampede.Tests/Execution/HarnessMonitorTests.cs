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
        var monitor = new HarnessMonitor(registry, TimeProvider.System);

        monitor.Sample();
        await Task.Delay(50, TestContext.Current.CancellationToken);
        monitor.Sample();
        await Task.Delay(50, TestContext.Current.CancellationToken);
        registry.Collect();

        registry.SeriesOf("harness_scheduling_lag").Cast<TrendSeries>().Single().Stats.Count.ShouldBeGreaterThanOrEqualTo(1);
        registry.SeriesOf("harness_cpu").ShouldHaveSingleItem();
        registry.SeriesOf("harness_threadpool_queue").ShouldHaveSingleItem();
        registry.SeriesOf("harness_gc_pause").Cast<CounterSeries>().Single().Total.ShouldBeGreaterThanOrEqualTo(0);
    }
}
