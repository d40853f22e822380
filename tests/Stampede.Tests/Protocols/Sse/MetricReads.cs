using Stampede.Metrics;

namespace Stampede.Tests.Protocols.Sse;

/// <summary>Reads totals and trends back from a registry in the streaming protocol tests.</summary>
internal static class MetricReads
{
    public static double Total(this MetricRegistry registry, string metric) =>
        registry.SeriesOf(metric).Cast<CounterSeries>().Sum(s => s.Total);

    public static double Total(this MetricRegistry registry, string metric, string tag, string value) =>
        registry.SeriesOf(metric).Cast<CounterSeries>().Where(s => s.Tags[tag] == value).Sum(s => s.Total);

    /// <summary>Collects the current second, then returns the trend's statistics over its series (they must be one).</summary>
    public static TrendStats Trend(this MetricRegistry registry, string metric)
    {
        registry.Collect();
        return registry.SeriesOf(metric).Cast<TrendSeries>().Single().Stats;
    }

    public static long TrendCount(this MetricRegistry registry, string metric)
    {
        registry.Collect();
        return registry.SeriesOf(metric).Cast<TrendSeries>().Sum(s => s.Stats.Count);
    }
}
