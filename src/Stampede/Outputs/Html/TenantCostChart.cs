using Stampede.Metrics;

namespace Stampede.Outputs.Html;

/// <summary>
/// The report's cost-per-tenant chart: LLM spend per second (<c>llm_cost</c>) of each tenant, from the per-second
/// timelines of its <c>tenant</c>-tagged series. The <see cref="MaxLines"/> tenants that spent most get a line each;
/// the rest are summed into one line, <see cref="OtherLabel"/>, so a run with hundreds of organisations still draws a legible chart.
/// </summary>
internal static class TenantCostChart
{
    public const string Id = "tenant-cost";

    /// <summary>Tenants drawn as lines of their own; any beyond them are summed into one line.</summary>
    public const int MaxLines = 8;

    public const string OtherLabel = "other";

    /// <summary>The chart, or null when the run had no tenants or spent nothing on LLM calls.</summary>
    public static ReportChart? For(RunResult result, int seconds)
    {
        if (result.Tenants is not { Tenants.Count: > 0 } tenants || result.Metric(BuiltinMetrics.LlmCost.Name) is not { } cost)
        {
            return null;
        }

        var perTenant = tenants.Tenants.ToDictionary(t => t.Tenant, _ => new double[seconds], StringComparer.Ordinal);
        foreach (var series in cost.Series)
        {
            if (series.Tags.TryGetValue("tenant", out var tenant) && perTenant.TryGetValue(tenant, out var sum))
            {
                var values = RunTimeline.Values(series.Timeline, seconds);
                for (var i = 0; i < seconds; i++)
                {
                    sum[i] += values[i];
                }
            }
        }

        // The table's totals decide the order, so the chart's lines and the table's rows name the same top spenders;
        // ties keep the plan's order.
        var ranked = tenants.Tenants.Select((row, index) => (row, index)).OrderByDescending(t => t.row.CostUsd).ThenBy(t => t.index).Select(t => t.row.Tenant).ToList();
        var shown = ranked.Take(MaxLines).ToList();
        var lines = shown.Select(t => new ReportLine(t, perTenant[t])).ToList();
        if (shown.Count < ranked.Count)
        {
            var other = new double[seconds];
            foreach (var tenant in ranked.Skip(shown.Count))
            {
                for (var i = 0; i < seconds; i++)
                {
                    other[i] += perTenant[tenant][i];
                }
            }

            lines.Add(new ReportLine(OtherLabel, other));
        }

        return new ReportChart(Id, ReportCharts.Tenants, "LLM cost per tenant", "$/s", lines);
    }
}
