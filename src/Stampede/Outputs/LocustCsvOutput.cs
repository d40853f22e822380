using System.Globalization;
using System.Text;
using Stampede.Metrics;

namespace Stampede.Outputs;

/// <summary>
/// <c>--out csv=PREFIX</c>: Locust 2.x's CSV files, same names and columns, so spreadsheets built for Locust keep
/// working: <c>PREFIX_stats.csv</c> (per request name plus <c>Aggregated</c>), <c>PREFIX_stats_history.csv</c>
/// (the aggregate each second), <c>PREFIX_failures.csv</c> and <c>PREFIX_exceptions.csv</c>; plus
/// <c>PREFIX_metrics.csv</c>, every metric's per-second values in long form. Times are milliseconds with up to
/// two decimals (Locust rounds to whole ms, which hides sub-millisecond latencies).
/// </summary>
public sealed class LocustCsvOutput(string prefix) : IOutput
{
    /// <summary>The percentiles Locust reports, in its column order.</summary>
    public static readonly IReadOnlyList<double> Percentiles = [50, 66, 75, 80, 90, 95, 98, 99, 99.9, 99.99, 100];

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <inheritdoc />
    public void Start(RunInfo run)
    {
    }

    /// <inheritdoc />
    public void OnSecond(LiveSnapshot snapshot)
    {
    }

    /// <inheritdoc />
    public async Task EndAsync(RunResult result, CancellationToken cancellationToken)
    {
        var resolved = OutputPath.Resolve(prefix, result);
        await OutputFile.WriteTextAsync(resolved + "_stats.csv", Stats(result), cancellationToken).ConfigureAwait(false);
        await OutputFile.WriteTextAsync(resolved + "_stats_history.csv", StatsHistory(result), cancellationToken).ConfigureAwait(false);
        await OutputFile.WriteTextAsync(resolved + "_failures.csv", Failures(result), cancellationToken).ConfigureAwait(false);
        await OutputFile.WriteTextAsync(resolved + "_exceptions.csv", Exceptions(result), cancellationToken).ConfigureAwait(false);
        await OutputFile.WriteTextAsync(resolved + "_metrics.csv", MetricsCsv(result), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The percentile columns' headers as Locust writes them (<c>50%</c> … <c>99.99%</c>, <c>100%</c>).</summary>
    public static IEnumerable<string> PercentileHeaders => Percentiles.Select(p => p.ToString("0.####", Invariant) + "%");

    internal static string Stats(RunResult result)
    {
        var csv = new StringBuilder();
        Row(csv, ["Type", "Name", "Request Count", "Failure Count", "Median Response Time", "Average Response Time", "Min Response Time", "Max Response Time", "Average Content Size", "Requests/s", "Failures/s", .. PercentileHeaders]);
        var (rows, total) = EndpointStats.From(result);
        var duration = Math.Max(result.Meta.DurationSeconds, 1e-9);
        foreach (var row in rows.Append(total))
        {
            Row(csv, [
                row.Method, row == total ? "Aggregated" : Name(row), Int(row.Count), Int(row.Failures),
                Ms(row.Percentile(50)), Ms(row.Avg), Ms(row.Min), Ms(row.Max),
                Ms(row.Count == 0 ? 0 : row.BytesReceived / row.Count), Ms(row.Count / duration), Ms(row.Failures / duration),
                .. Percentiles.Select(p => Ms(row.Percentile(p))),
            ]);
        }

        return csv.ToString();
    }

    internal static string StatsHistory(RunResult result)
    {
        var csv = new StringBuilder();
        Row(csv, ["Timestamp", "User Count", "Type", "Name", "Requests/s", "Failures/s", .. PercentileHeaders, "Total Request Count", "Total Failure Count", "Total Median Response Time", "Total Average Response Time", "Total Min Response Time", "Total Max Response Time", "Total Average Content Size"]);
        var seconds = Html.ReportCharts.Seconds(result);
        var duration = result.Metric(BuiltinMetrics.HttpReqDuration.Name)?.Timeline;
        var reqs = RunTimeline.Values(result.Metric(BuiltinMetrics.HttpReqs.Name)?.Timeline, seconds);
        var failed = RunTimeline.Passes(result.Metric(BuiltinMetrics.HttpReqFailed.Name)?.Timeline, seconds);
        var vus = RunTimeline.Values(result.Metric(BuiltinMetrics.Vus.Name)?.Timeline, seconds);
        var bytes = RunTimeline.Values(result.Metric(BuiltinMetrics.DataReceived.Name)?.Timeline, seconds);
        var count = RunTimeline.Total(duration, seconds);
        var avg = RunTimeline.TrendColumn(duration, t => t.Avg, seconds);
        var min = RunTimeline.TrendColumn(duration, t => t.Min, seconds);
        var max = RunTimeline.TrendColumn(duration, t => t.Max, seconds);
        var p50 = RunTimeline.TrendColumn(duration, t => t.P50, seconds);
        var p90 = RunTimeline.TrendColumn(duration, t => t.P90, seconds);
        var p95 = RunTimeline.TrendColumn(duration, t => t.P95, seconds);
        var p99 = RunTimeline.TrendColumn(duration, t => t.P99, seconds);
        var start = result.Meta.StartedAt.ToUnixTimeSeconds();
        double totalRequests = 0, totalFailures = 0, totalSamples = 0, totalSum = 0, totalBytes = 0, medianWeighted = 0;
        double totalMin = double.PositiveInfinity, totalMax = 0;
        for (var s = 0; s < seconds; s++)
        {
            totalRequests += reqs[s];
            totalFailures += failed[s];
            totalBytes += bytes[s];
            if (count[s] > 0)
            {
                totalSamples += count[s];
                totalSum += avg[s] * count[s];
                totalMin = Math.Min(totalMin, min[s]);
                totalMax = Math.Max(totalMax, max[s]);
                medianWeighted += p50[s] * count[s];
            }

            // Per second the result keeps p50/p90/p95/p99 and max; Locust's other percentiles are N/A here.
            string[] percentiles = count[s] == 0
                ? [.. Percentiles.Select(_ => "N/A")]
                : [Ms(p50[s]), "N/A", "N/A", "N/A", Ms(p90[s]), Ms(p95[s]), "N/A", Ms(p99[s]), "N/A", "N/A", Ms(max[s])];
            Row(csv, [
                (start + s).ToString(Invariant), Int(vus[s]), "", "Aggregated", Ms(reqs[s]), Ms(failed[s]), .. percentiles,
                Int(totalRequests), Int(totalFailures),
                // The run-so-far median is approximated by the sample-weighted mean of per-second medians.
                Ms(totalSamples == 0 ? 0 : medianWeighted / totalSamples), Ms(totalSamples == 0 ? 0 : totalSum / totalSamples),
                Ms(totalSamples == 0 ? 0 : totalMin), Ms(totalMax), Ms(totalRequests == 0 ? 0 : totalBytes / totalRequests),
            ]);
        }

        return csv.ToString();
    }

    internal static string Failures(RunResult result)
    {
        var csv = new StringBuilder();
        Row(csv, ["Method", "Name", "Error", "Occurrences"]);
        var failed = result.Metric(BuiltinMetrics.HttpReqs.Name)?.Series.Where(s => s.Tags.GetValueOrDefault("expected_response") == "false") ?? [];
        foreach (var group in failed
            .GroupBy(s => (Method: s.Tags.GetValueOrDefault("method") ?? "", Name: s.Tags.GetValueOrDefault("name") ?? "", Error: ErrorText(s.Tags)))
            .OrderByDescending(g => g.Sum(s => s.Values.Count ?? 0)))
        {
            Row(csv, [group.Key.Method, group.Key.Name, group.Key.Error, Int(group.Sum(s => s.Values.Count ?? 0))]);
        }

        return csv.ToString();
    }

    internal static string Exceptions(RunResult result)
    {
        var csv = new StringBuilder();
        Row(csv, ["Count", "Message", "Traceback", "Nodes"]);
        foreach (var error in result.Errors.OrderByDescending(e => e.Count))
        {
            Row(csv, [Int(error.Count), error.Message, "", result.Meta.Host]);
        }

        return csv.ToString();
    }

    internal static string MetricsCsv(RunResult result)
    {
        var csv = new StringBuilder();
        Row(csv, ["timestamp", "second", "metric", "kind", "unit", "count", "value", "rate", "avg", "min", "max", "p50", "p90", "p95", "p99"]);
        var seconds = Html.ReportCharts.Seconds(result);
        var start = result.Meta.StartedAt.ToUnixTimeSeconds();
        var columns = result.Metrics.Where(m => m.Timeline is not null).OrderBy(m => m.Name, StringComparer.Ordinal).Select(m => (Metric: m, Columns: Columns(m, seconds))).ToList();
        for (var s = 0; s < seconds; s++)
        {
            foreach (var (metric, c) in columns)
            {
                Row(csv, [
                    (start + s).ToString(Invariant), s.ToString(Invariant), metric.Name, metric.Kind.Name(), metric.Unit.Symbol(),
                    .. c.Select(column => column is null ? "" : Number(column[s])),
                ]);
            }
        }

        return csv.ToString();
    }

    private static double[]?[] Columns(MetricResult metric, int seconds)
    {
        var t = metric.Timeline;
        return metric.Kind switch
        {
            MetricKind.Trend =>
            [
                RunTimeline.Total(t, seconds), null, null, RunTimeline.TrendColumn(t, x => x.Avg, seconds), RunTimeline.TrendColumn(t, x => x.Min, seconds),
                RunTimeline.TrendColumn(t, x => x.Max, seconds), RunTimeline.TrendColumn(t, x => x.P50, seconds), RunTimeline.TrendColumn(t, x => x.P90, seconds),
                RunTimeline.TrendColumn(t, x => x.P95, seconds), RunTimeline.TrendColumn(t, x => x.P99, seconds),
            ],
            MetricKind.Rate => [RunTimeline.Total(t, seconds), RunTimeline.Passes(t, seconds), Share(RunTimeline.Passes(t, seconds), RunTimeline.Total(t, seconds)), null, null, null, null, null, null, null],
            MetricKind.Counter => [null, RunTimeline.Values(t, seconds), null, null, null, null, null, null, null, null],
            _ => [null, RunTimeline.Values(t, seconds), null, null, null, null, null, null, null, null],
        };
    }

    private static double[] Share(double[] passes, double[] total) =>
        [.. passes.Select((p, i) => total[i] == 0 ? double.NaN : p / total[i])];

    private static string Name(EndpointStats row) => row.Group.Length == 0 ? row.Name : $"{row.Group.TrimStart(':')}::{row.Name}";

    private static string ErrorText(IReadOnlyDictionary<string, string> tags)
    {
        var status = tags.GetValueOrDefault("status") ?? "0";
        return tags.TryGetValue("error_code", out var code) ? $"status {status} (error_code {code})" : $"status {status}";
    }

    private static string Ms(double value) => double.IsFinite(value) ? Math.Round(value, 2).ToString("0.##", Invariant) : "N/A";

    private static string Int(double value) => Math.Round(value).ToString("0", Invariant);

    private static string Number(double value) => double.IsFinite(value) ? ReportNumber(value) : "";

    private static string ReportNumber(double value) => Html.ReportDataWriter.Round(value).ToString("R", Invariant);

    private static void Row(StringBuilder csv, IEnumerable<string> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                csv.Append(',');
            }

            first = false;
            if (cell.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                csv.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                csv.Append(cell);
            }
        }

        // Python's csv module, which Locust uses, ends rows with \r\n.
        csv.Append("\r\n");
    }
}
