using Stampede.Metrics;

namespace Stampede.Outputs.Html;

/// <summary>
/// Chooses the report's time charts from a result: load, throughput, latency percentiles, errors by status and
/// class, cost per tenant, streaming metrics (<c>llm_*</c>, <c>sse_*</c>, <c>ws_*</c>) and everything else the run measured
/// (monitored targets, resources, custom metrics).
/// </summary>
internal static class ReportCharts
{
    public const string Load = "load";
    public const string Latency = "latency";
    public const string Errors = "errors";
    public const string Streaming = "streaming";
    public const string Other = "other";
    public const string Tenants = "tenants";

    private static readonly string[] StreamingPrefixes = ["llm_", "sse_", "ws_"];

    public static bool IsStreaming(string name) => StreamingPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));

    /// <summary>The trend whose latency the report shows: HTTP request duration, else iteration duration.</summary>
    public static MetricResult? LatencyMetric(RunResult result) =>
        result.Metric(BuiltinMetrics.HttpReqDuration.Name) is { Values.Count: > 0 } http ? http : result.Metric(BuiltinMetrics.IterationDuration.Name);

    public static int Seconds(RunResult result)
    {
        var seconds = result.Meta.Seconds;
        foreach (var metric in result.Metrics)
        {
            if (metric.Timeline is { } t)
            {
                seconds = Math.Max(seconds, t.Start + Length(t));
            }
        }

        return seconds;
    }

    public static List<ReportChart> For(RunResult result, int seconds)
    {
        var charts = new List<ReportChart>();
        var vus = Lines(result, seconds, BuiltinMetrics.Vus.Name, BuiltinMetrics.VusMax.Name);
        if (vus.Count > 0)
        {
            charts.Add(new ReportChart("vus", Load, "Virtual users", "", vus));
        }

        var throughput = new List<ReportLine>();
        if (result.Metric(BuiltinMetrics.HttpReqs.Name) is { } reqs)
        {
            throughput.Add(new ReportLine("requests/s", RunTimeline.Values(reqs.Timeline, seconds)));
        }

        if (result.Metric(BuiltinMetrics.HttpReqFailed.Name) is { } failed)
        {
            throughput.Add(new ReportLine("failed/s", RunTimeline.Passes(failed.Timeline, seconds)));
        }

        if (result.Metric(BuiltinMetrics.Iterations.Name) is { } iterations)
        {
            throughput.Add(new ReportLine("iterations/s", RunTimeline.Values(iterations.Timeline, seconds)));
        }

        if (throughput.Count > 0)
        {
            charts.Add(new ReportChart("throughput", Load, "Request rate", "/s", throughput));
        }

        if (LatencyMetric(result) is { Timeline: { } latency } latencyMetric)
        {
            charts.Add(new ReportChart("latency", Latency, $"{latencyMetric.Name} percentiles", "ms",
            [
                new ReportLine("p50", RunTimeline.TrendColumn(latency, t => t.P50, seconds)),
                new ReportLine("p90", RunTimeline.TrendColumn(latency, t => t.P90, seconds)),
                new ReportLine("p95", RunTimeline.TrendColumn(latency, t => t.P95, seconds)),
                new ReportLine("p99", RunTimeline.TrendColumn(latency, t => t.P99, seconds)),
                new ReportLine("max", RunTimeline.TrendColumn(latency, t => t.Max, seconds)),
            ]));
        }

        if (TenantCostChart.For(result, seconds) is { } tenantCost)
        {
            charts.Add(tenantCost);
        }

        var errors = ErrorLines(result, seconds);
        if (errors.Count > 0)
        {
            charts.Add(new ReportChart("errors", Errors, "Errors per second by status and class", "/s", errors));
        }

        foreach (var metric in result.Metrics.Where(m => m.Timeline is not null).OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            var section = IsStreaming(metric.Name) ? Streaming : IsBuiltin(metric.Name) ? null : Other;
            if (section is not null)
            {
                charts.Add(MetricChart(metric, section, seconds));
            }
        }

        return charts;
    }

    private static ReportChart MetricChart(MetricResult metric, string section, int seconds)
    {
        var timeline = metric.Timeline;
        return metric.Kind switch
        {
            MetricKind.Trend => new ReportChart("m-" + metric.Name, section, metric.Name, metric.Unit.Symbol(),
            [
                new ReportLine("p50", RunTimeline.TrendColumn(timeline, t => t.P50, seconds)),
                new ReportLine("p95", RunTimeline.TrendColumn(timeline, t => t.P95, seconds)),
                new ReportLine("p99", RunTimeline.TrendColumn(timeline, t => t.P99, seconds)),
                new ReportLine("avg", RunTimeline.TrendColumn(timeline, t => t.Avg, seconds)),
            ]),
            MetricKind.Rate => new ReportChart("m-" + metric.Name, section, metric.Name, "%",
                [new ReportLine("rate %", Share(RunTimeline.Passes(timeline, seconds), RunTimeline.Total(timeline, seconds)))]),
            MetricKind.Counter => new ReportChart("m-" + metric.Name, section, metric.Name + " per second", metric.Unit.Symbol(),
                [new ReportLine(metric.Name + "/s", RunTimeline.Values(timeline, seconds))]),
            _ => new ReportChart("m-" + metric.Name, section, metric.Name, metric.Unit.Symbol(),
                [new ReportLine(metric.Name, RunTimeline.Values(timeline, seconds))]),
        };
    }

    private static List<ReportLine> ErrorLines(RunResult result, int seconds)
    {
        var lines = new List<ReportLine>();
        if (result.Metric(BuiltinMetrics.HttpReqs.Name) is { } reqs)
        {
            var failed = reqs.Series.Where(s => s.Tags.GetValueOrDefault("expected_response") == "false").ToList();
            foreach (var byStatus in failed.GroupBy(s => s.Tags.GetValueOrDefault("status") ?? "0").OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                lines.Add(new ReportLine("status " + byStatus.Key, Sum(byStatus, seconds)));
            }

            foreach (var byCode in failed.Where(s => s.Tags.ContainsKey("error_code")).GroupBy(s => s.Tags["error_code"]).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                lines.Add(new ReportLine("error " + byCode.Key, Sum(byCode, seconds)));
            }
        }

        if (result.Metric(BuiltinMetrics.DroppedIterations.Name) is { } dropped)
        {
            lines.Add(new ReportLine("dropped iterations", RunTimeline.Values(dropped.Timeline, seconds)));
        }

        return lines;
    }

    private static double[] Sum(IEnumerable<SeriesResult> series, int seconds)
    {
        var sum = new double[seconds];
        foreach (var s in series)
        {
            var values = RunTimeline.Values(s.Timeline, seconds);
            for (var i = 0; i < seconds; i++)
            {
                sum[i] += values[i];
            }
        }

        return sum;
    }

    private static double[] Share(double[] passes, double[] total)
    {
        var share = new double[passes.Length];
        for (var i = 0; i < share.Length; i++)
        {
            share[i] = total[i] == 0 ? double.NaN : 100 * passes[i] / total[i];
        }

        return share;
    }

    private static List<ReportLine> Lines(RunResult result, int seconds, params string[] names) =>
        [.. names.Select(result.Metric).OfType<MetricResult>().Select(m => new ReportLine(m.Name, RunTimeline.Values(m.Timeline, seconds)))];

    public static bool IsBuiltin(string name) =>
        name.StartsWith("http_req", StringComparison.Ordinal) || name.StartsWith("iteration", StringComparison.Ordinal)
        || name is "vus" or "vus_max" or "data_sent" or "data_received" or "checks" or "group_duration" or "dropped_iterations" or "queued_iterations";

    private static int Length(TimelineResult t) =>
        t.Values?.Count ?? t.Total?.Count ?? 0;
}
