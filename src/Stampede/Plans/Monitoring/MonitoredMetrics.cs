using Stampede.Metrics;

namespace Stampede.Plans.Monitoring;

/// <summary>The metrics watching the target adds to a plan, declared so that thresholds may name them.</summary>
public static class MonitoredMetrics
{
    /// <summary>
    /// The metrics a plan with these parts records, to declare in <see cref="TestPlan.Metrics"/>: every metric of
    /// <see cref="MonitoringMetrics"/>, and a trend per selected scraped name and per value read from a JSON endpoint.
    /// </summary>
    public static IReadOnlyList<Metric> DeclaredBy(MonitorPlan? monitor, TargetPlan? target, ChaosPlan? chaos)
    {
        if (monitor is null && target is null && chaos is null)
        {
            return [];
        }

        var builtin = BuiltinMetrics.All.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var scraped = monitor?.Prometheus?.Select
            .Where(n => Metric.IsValidName(n.Replace(':', '_')) && !builtin.Contains(n.Replace(':', '_')))
            .Select(MonitoringMetrics.Scraped) ?? [];
        var read = monitor?.Json?.Select.Keys.Where(n => Metric.IsValidName(n) && !builtin.Contains(n)).Select(MonitoringMetrics.Scraped) ?? [];
        return [.. MonitoringMetrics.All, .. scraped.Concat(read).Distinct()];
    }
}
