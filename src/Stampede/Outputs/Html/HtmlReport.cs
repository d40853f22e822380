using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Stampede.Metrics;

namespace Stampede.Outputs.Html;

/// <summary>
/// Renders a result as one self-contained HTML page that opens offline: verdict and thresholds first, then
/// load, latency (percentiles over time, histogram, heatmap), errors, per-endpoint table, tenants, checks, streaming and
/// other measured metrics. The chart library (uPlot) is embedded in the page.
/// </summary>
public static class HtmlReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The report for <paramref name="result"/> as HTML text.</summary>
    public static string Render(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var page = new StringBuilder(64 * 1024);
        var title = $"Stampede report: {result.Meta.Plan}";
        page.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        page.Append("<title>").Append(Encode(title)).Append("</title>\n<style>").Append(HtmlAssets.ChartStyles).Append('\n').Append(HtmlAssets.Styles).Append("</style></head>\n<body>\n");
        Header(page, result);
        Verdict(page, result);
        var drops = DroppedArrivalsNotice.For(result);
        DroppedArrivals(page, drops);
        Tiles(page, result, drops);
        Thresholds(page, result);
        Section(page, ReportCharts.Load, "Load");
        page.Append("<section id=\"section-latency\"><h2>Latency</h2>");
        Reminder(page, drops);
        page.Append("<div class=\"charts\" data-section=\"latency\"></div>");
        page.Append("<div class=\"pair\"><figure><figcaption>Latency histogram (whole run)</figcaption><canvas id=\"histogram\" width=\"600\" height=\"260\"></canvas></figure>");
        page.Append("<figure><figcaption>Latency heatmap over time (bands from per-second percentiles)</figcaption><canvas id=\"heatmap\" width=\"600\" height=\"260\"></canvas></figure></div></section>\n");
        Section(page, ReportCharts.Errors, "Errors");
        ErrorsTable(page, result);
        Faults(page, result);
        Endpoints(page, result, drops);
        Tenants(page, result);
        Checks(page, result);
        Section(page, ReportCharts.Streaming, "Streaming");
        Section(page, ReportCharts.Other, "Target, resource and custom metrics");
        Scenarios(page, result);

        page.Append("<script id=\"report-data\" type=\"application/json\">");
        page.Append(Data(result));
        page.Append("</script>\n<!-- uPlot, embedded below:\n").Append(HtmlAssets.ChartLibraryLicense.Replace("--", "- -", StringComparison.Ordinal)).Append("-->\n<script>").Append(HtmlAssets.ChartLibrary).Append("</script>\n<script>").Append(HtmlAssets.Charts).Append("</script>\n<script>").Append(HtmlAssets.Script).Append("</script>\n</body></html>\n");
        return page.ToString();
    }

    /// <summary>Writes the report for <paramref name="result"/> to <paramref name="path"/>, creating its folder.</summary>
    public static async Task WriteAsync(RunResult result, string path, CancellationToken cancellationToken = default)
    {
        var html = Render(result);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = path + ".partial";
        await File.WriteAllTextAsync(temporary, html, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }

    private static string Data(RunResult result)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            // The default encoder escapes '<', so the data cannot close its <script> element early.
            ReportDataWriter.Write(json, result);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void Header(StringBuilder page, RunResult result)
    {
        var meta = result.Meta;
        page.Append("<header><h1>").Append(Encode(meta.Plan)).Append("</h1><p class=\"meta\">")
            .Append(Encode(meta.StartedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'zzz", Invariant))).Append(" · ran ")
            .Append(Encode(ValueFormat.Milliseconds(meta.DurationSeconds * 1000))).Append(" · host ").Append(Encode(meta.Host))
            .Append(" · Stampede ").Append(Encode(meta.ToolVersion));
        if (meta.Source is { } source)
        {
            page.Append(" · ").Append(Encode(source));
        }

        page.Append("</p></header>\n");
    }

    private static void Verdict(StringBuilder page, RunResult result)
    {
        page.Append("<div id=\"verdict\" class=\"verdict ").Append(result.Passed ? "pass" : "fail").Append("\" data-passed=\"")
            .Append(result.Passed ? "true" : "false").Append("\"><strong>").Append(result.Passed ? "PASSED" : "FAILED").Append("</strong> ");
        page.Append(result.Thresholds.Count == 0
            ? "no thresholds were set"
            : Encode(FormattableString.Invariant($"{result.Thresholds.Count(t => t.Outcome == ThresholdOutcomeNames.Passed)} of {result.Thresholds.Count} thresholds passed")));
        if (result.Meta.StopReason is { } reason)
        {
            page.Append(" · stopped early: ").Append(Encode(reason));
        }

        page.Append("</div>\n");
    }

    /// <summary>The dropped-arrivals warning, right under the verdict, where no reader of the latencies can miss it.</summary>
    private static void DroppedArrivals(StringBuilder page, DroppedArrivalsNotice? drops)
    {
        if (drops is null)
        {
            return;
        }

        page.Append("<div id=\"dropped-arrivals\" class=\"notice\" role=\"alert\" data-dropped=\"").Append(drops.Drops.Dropped.ToString(Invariant))
            .Append("\" data-fraction=\"").Append(Raw(drops.Drops.Fraction)).Append("\"><strong>").Append(Encode(DroppedArrivalsNotice.Title)).Append(":</strong> ")
            .Append(Encode(drops.Text)).Append("<ul>");
        foreach (var line in drops.ScenarioLines)
        {
            page.Append("<li>").Append(Encode(line)).Append("</li>");
        }

        page.Append("</ul></div>\n");
    }

    private static void Reminder(StringBuilder page, DroppedArrivalsNotice? drops)
    {
        if (drops is not null)
        {
            page.Append("<p class=\"notice-inline\">⚠ ").Append(Encode(drops.Reminder)).Append(" (see the warning above).</p>");
        }
    }

    private static void Tiles(StringBuilder page, RunResult result, DroppedArrivalsNotice? drops)
    {
        page.Append("<div class=\"tiles\">");
        var reqs = result.Metric(BuiltinMetrics.HttpReqs.Name)?.Values;
        if (reqs is not null)
        {
            Tile(page, "requests", "requests", reqs.Count ?? 0, ValueFormat.Number(reqs.Count ?? 0, 0));
            Tile(page, "rps", "requests/s", reqs.Rate ?? 0, ValueFormat.Number(reqs.Rate ?? 0));
        }

        if (result.Metric(BuiltinMetrics.HttpReqFailed.Name)?.Values is { } failed)
        {
            Tile(page, "failed", "failed", failed.Rate ?? 0, ValueFormat.Percent(failed.Rate ?? 0));
        }

        if (ReportCharts.LatencyMetric(result) is { Values: var latency } metric)
        {
            Tile(page, "p95", metric.Name + " p95", latency.P95 ?? 0, ValueFormat.InUnit(latency.P95 ?? 0, metric.Unit));
            Tile(page, "p99", metric.Name + " p99", latency.P99 ?? 0, ValueFormat.InUnit(latency.P99 ?? 0, metric.Unit));
        }

        if (drops is not null)
        {
            page.Append("<div class=\"tile warn\" id=\"tile-dropped\" data-value=\"").Append(Raw(drops.Drops.Fraction)).Append("\"><span class=\"value\">")
                .Append(Encode(ValueFormat.Percent(drops.Drops.Fraction))).Append("</span><span class=\"label\">arrivals dropped (not in the latencies)</span></div>");
        }

        if (result.Metric(BuiltinMetrics.Vus.Name)?.Values.Max is { } peak)
        {
            Tile(page, "vus", "peak VUs", peak, ValueFormat.Number(peak, 0));
        }

        if (result.Metric(BuiltinMetrics.Iterations.Name)?.Values.Count is { } iterations)
        {
            Tile(page, "iterations", "iterations", iterations, ValueFormat.Number(iterations, 0));
        }

        var checks = result.Checks.Sum(c => c.Passes + c.Fails);
        if (checks > 0)
        {
            var share = (double)result.Checks.Sum(c => c.Passes) / checks;
            Tile(page, "checks", "checks passed", share, ValueFormat.Percent(share));
        }

        page.Append("</div>\n");
    }

    private static void Tile(StringBuilder page, string id, string label, double value, string text) =>
        page.Append("<div class=\"tile\" id=\"tile-").Append(id).Append("\" data-value=\"").Append(Raw(value)).Append("\"><span class=\"value\">")
            .Append(Encode(text)).Append("</span><span class=\"label\">").Append(Encode(label)).Append("</span></div>");

    private static void Thresholds(StringBuilder page, RunResult result)
    {
        page.Append("<section id=\"section-thresholds\"><h2>Thresholds</h2>");
        if (result.Thresholds.Count == 0)
        {
            page.Append("<p class=\"empty\">No thresholds were set.</p></section>\n");
            return;
        }

        page.Append("<table id=\"thresholds\"><thead><tr><th></th><th>metric</th><th>expression</th><th>observed</th><th>outcome</th></tr></thead><tbody>");
        foreach (var threshold in result.Thresholds)
        {
            var mark = threshold.Outcome switch { ThresholdOutcomeNames.Passed => "✓", ThresholdOutcomeNames.Failed => "✗", _ => "–" };
            page.Append("<tr class=\"").Append(threshold.Outcome).Append("\"><td>").Append(mark).Append("</td><td>").Append(Encode(threshold.Metric))
                .Append("</td><td><code>").Append(Encode(threshold.Expression)).Append("</code></td><td data-value=\"")
                .Append(threshold.Observed is { } v ? Raw(v) : "").Append("\">")
                .Append(threshold.Observed is { } o ? Encode(ConsoleSummary.FormatObserved(result, threshold.Metric, threshold.Expression, o)) : "no data")
                .Append("</td><td>").Append(Encode(threshold.Outcome)).Append(threshold.Aborted ? " (aborted the run)" : "").Append("</td></tr>");
        }

        page.Append("</tbody></table></section>\n");
    }

    private static void Section(StringBuilder page, string section, string title) =>
        page.Append("<section id=\"section-").Append(section).Append("\" class=\"chart-section\"><h2>").Append(Encode(title))
            .Append("</h2><div class=\"charts\" data-section=\"").Append(section).Append("\"></div></section>\n");

    private static void ErrorsTable(StringBuilder page, RunResult result)
    {
        if (result.Errors.Count == 0)
        {
            return;
        }

        page.Append("<section><h3>Iteration errors</h3><table id=\"iteration-errors\"><thead><tr><th>scenario</th><th>error</th><th>count</th></tr></thead><tbody>");
        foreach (var error in result.Errors)
        {
            page.Append("<tr><td>").Append(Encode(error.Scenario)).Append("</td><td>").Append(Encode(error.Message)).Append("</td>");
            Number(page, error.Count, ValueFormat.Number(error.Count, 0));
            page.Append("</tr>");
        }

        page.Append("</tbody></table></section>\n");
    }

    private static void Endpoints(StringBuilder page, RunResult result, DroppedArrivalsNotice? drops)
    {
        var (rows, total) = EndpointStats.From(result);
        page.Append("<section id=\"section-endpoints\"><h2>Requests by endpoint</h2>");
        Reminder(page, drops);
        if (rows.Count == 0)
        {
            page.Append("<p class=\"empty\">No HTTP requests were made.</p></section>\n");
            return;
        }

        page.Append("<table id=\"endpoints\" class=\"numeric\"><thead><tr><th>group</th><th>method</th><th>name</th><th>count</th><th>rate/s</th><th>avg</th><th>p50</th><th>p90</th><th>p95</th><th>p99</th><th>max</th><th>errors</th></tr></thead><tbody>");
        var duration = Math.Max(result.Meta.DurationSeconds, 1e-9);
        foreach (var row in rows.Append(total))
        {
            page.Append(row == total ? "<tr class=\"total\">" : "<tr>").Append("<td>").Append(Encode(row.Group.TrimStart(':'))).Append("</td><td>").Append(Encode(row.Method))
                .Append("</td><td>").Append(Encode(row.Name)).Append("</td>");
            Number(page, row.Count, ValueFormat.Number(row.Count, 0));
            Number(page, row.Count / duration, ValueFormat.Number(row.Count / duration));
            foreach (var value in (double[])[row.Avg, row.Percentile(50), row.Percentile(90), row.Percentile(95), row.Percentile(99), row.Max])
            {
                Number(page, value, ValueFormat.Milliseconds(value));
            }

            Number(page, row.ErrorShare, ValueFormat.Percent(row.ErrorShare));
            page.Append("</tr>");
        }

        page.Append("</tbody></table></section>\n");
    }

    /// <summary>A run with <c>tenants:</c>: the per-organisation table, the isolation verdict with its evidence, cleanup, and cost over time.</summary>
    private static void Tenants(StringBuilder page, RunResult result)
    {
        if (result.Tenants is not { } tenants)
        {
            return;
        }

        page.Append("<section id=\"section-tenants\"><h2>Tenants</h2><p class=\"meta\">run ").Append(Encode(tenants.RunId)).Append("</p>");
        page.Append("<table id=\"tenants\" class=\"numeric\"><thead><tr>");
        foreach (var column in TenantReport.Columns)
        {
            page.Append("<th>").Append(Encode(column)).Append("</th>");
        }

        page.Append("</tr></thead><tbody>");
        foreach (var row in tenants.Tenants)
        {
            var cells = TenantReport.Cells(row);
            page.Append("<tr data-tenant=\"").Append(Encode(row.Tenant)).Append("\"><td>").Append(Encode(cells[0])).Append("</td><td>").Append(Encode(cells[1])).Append("</td>");
            Number(page, row.Users, cells[2]);
            Number(page, row.Requests, cells[3]);
            Number(page, row.ErrorRate, cells[4]);
            Number(page, row.P95Ms ?? double.NaN, cells[5]);
            Number(page, row.CostUsd, cells[6]);
            page.Append("</tr>");
        }

        page.Append("</tbody></table>");
        if (tenants.Isolation is { } isolation)
        {
            var lines = TenantReport.IsolationLines(isolation).ToList();
            page.Append("<div id=\"tenant-isolation\" class=\"isolation ").Append(isolation.Verdict switch { "isolated" => "pass", "leaked" => "fail", _ => "unknown" }).Append("\" data-verdict=\"")
                .Append(Encode(isolation.Verdict)).Append("\"><strong>").Append(Encode(lines[0])).Append("</strong><ul>");
            foreach (var (evidence, line) in isolation.Evidence.Zip(lines.Skip(1)))
            {
                page.Append("<li class=\"").Append(evidence.Passed ? "passed" : "failed").Append("\" data-tenant=\"").Append(Encode(evidence.Tenant)).Append("\">")
                    .Append(Encode(line.Trim())).Append("</li>");
            }

            page.Append("</ul></div>");
        }

        var cleanup = TenantReport.CleanupLines(tenants).ToList();
        if (cleanup.Count > 0)
        {
            page.Append("<ul id=\"tenant-cleanup\">");
            foreach (var line in cleanup)
            {
                page.Append("<li>").Append(Encode(line.Trim())).Append("</li>");
            }

            page.Append("</ul>");
        }

        page.Append("<div class=\"charts\" data-section=\"").Append(ReportCharts.Tenants).Append("\"></div></section>\n");
    }

    private static void Checks(StringBuilder page, RunResult result)
    {
        page.Append("<section id=\"section-checks\"><h2>Checks</h2>");
        if (result.Checks.Count == 0)
        {
            page.Append("<p class=\"empty\">No checks were made.</p></section>\n");
            return;
        }

        page.Append("<table id=\"checks\" class=\"numeric\"><thead><tr><th></th><th>group</th><th>check</th><th>passes</th><th>fails</th><th>success</th></tr></thead><tbody>");
        foreach (var check in result.Checks)
        {
            var total = check.Passes + check.Fails;
            var share = total == 0 ? 1 : (double)check.Passes / total;
            page.Append(check.Fails == 0 ? "<tr class=\"passed\"><td>✓</td>" : "<tr class=\"failed\"><td>✗</td>")
                .Append("<td>").Append(Encode(check.Group.TrimStart(':'))).Append("</td><td>").Append(Encode(check.Name)).Append("</td>");
            Number(page, check.Passes, ValueFormat.Number(check.Passes, 0));
            Number(page, check.Fails, ValueFormat.Number(check.Fails, 0));
            Number(page, share, ValueFormat.Percent(share));
            page.Append("</tr>");
        }

        page.Append("</tbody></table></section>\n");
    }

    /// <summary>Faults injected during the run (chaos, fault proxy) with their resilience verdicts.</summary>
    private static void Faults(StringBuilder page, RunResult result)
    {
        if (result.Annotations.Count == 0)
        {
            return;
        }

        page.Append("<section id=\"section-faults\"><h2>").Append(result.Annotations.Any(a => a.Kind == RunAnnotation.ControlKind) ? "Faults and control actions" : "Faults").Append("</h2><table id=\"faults\" class=\"numeric\"><thead><tr><th>from s</th><th>to s</th><th>kind</th><th>fault</th><th>what</th><th>detected after s</th><th>recovered after s</th><th>requests lost</th></tr></thead><tbody>");
        foreach (var fault in result.Annotations)
        {
            page.Append(fault.Recovered == false ? "<tr class=\"failed\">" : "<tr>");
            Number(page, fault.At, ValueFormat.Number(fault.At, 1));
            Number(page, fault.End ?? double.NaN, fault.End is { } end ? ValueFormat.Number(end, 1) : "-");
            page.Append("<td>").Append(Encode(fault.Kind)).Append("</td><td>").Append(Encode(fault.Name ?? "")).Append("</td><td>").Append(Encode(fault.Description)).Append("</td>");
            Number(page, fault.DetectionSeconds ?? double.NaN, fault.DetectionSeconds is { } detected ? ValueFormat.Number(detected, 1) : "-");
            Number(page, fault.RecoverySeconds ?? double.NaN, fault.Recovered == false ? "did not recover" : fault.RecoverySeconds is { } recovered ? ValueFormat.Number(recovered, 1) : "-");
            Number(page, fault.RequestsLost ?? 0, ValueFormat.Number(fault.RequestsLost ?? 0, 0));
            page.Append("</tr>");
        }

        page.Append("</tbody></table></section>\n");
    }

    private static void Scenarios(StringBuilder page, RunResult result)
    {
        if (result.Scenarios.Count == 0)
        {
            return;
        }

        page.Append("<section id=\"section-scenarios\"><h2>Scenarios</h2><table id=\"scenarios\" class=\"numeric\"><thead><tr><th>scenario</th><th>executor</th><th>iterations</th><th>failed</th><th>interrupted</th><th>dropped</th><th>VUs</th></tr></thead><tbody>");
        foreach (var scenario in result.Scenarios)
        {
            page.Append("<tr><td>").Append(Encode(scenario.Name)).Append("</td><td>").Append(Encode(scenario.Executor)).Append("</td>");
            foreach (var value in (long[])[scenario.Iterations, scenario.FailedIterations, scenario.InterruptedIterations, scenario.DroppedIterations, scenario.Vus])
            {
                Number(page, value, ValueFormat.Number(value, 0));
            }

            page.Append("</tr>");
        }

        page.Append("</tbody></table></section>\n");
    }

    private static void Number(StringBuilder page, double value, string text) =>
        page.Append("<td data-value=\"").Append(Raw(value)).Append("\">").Append(Encode(text)).Append("</td>");

    private static string Raw(double value) => value.ToString("R", Invariant);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
