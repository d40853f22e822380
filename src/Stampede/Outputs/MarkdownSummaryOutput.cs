using System.Text;
using Stampede.Metrics;

namespace Stampede.Outputs;

/// <summary>
/// <c>--out markdown=FILE</c>: a short Markdown summary for pull-request comments and <c>$GITHUB_STEP_SUMMARY</c>:
/// verdict, thresholds, key numbers, the busiest endpoints and failing checks. Appends when the file is the step
/// summary (its path ends in <c>step_summary</c>), as GitHub expects; otherwise replaces the file.
/// </summary>
public sealed class MarkdownSummaryOutput(string template) : IOutput
{
    /// <summary>Endpoints listed at most; the rest are counted in a closing line.</summary>
    public const int MaxEndpoints = 15;

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
        var text = Render(result);
        var path = OutputPath.Resolve(template, result);
        if (Path.GetFileName(path).Contains("step_summary", StringComparison.OrdinalIgnoreCase) && File.Exists(path))
        {
            await File.AppendAllTextAsync(path, text, OutputFile.Utf8, cancellationToken).ConfigureAwait(false);
            return;
        }

        await OutputFile.WriteTextAsync(path, text, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The Markdown summary of <paramref name="result"/>.</summary>
    public static string Render(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var md = new StringBuilder();
        md.Append("## ").Append(result.Passed ? "✅" : "❌").Append(" Stampede: ").Append(Escape(result.Meta.Plan)).Append(result.Passed ? " passed" : " failed").Append("\n\n");
        md.Append(FormattableString.Invariant($"Ran {ValueFormat.Milliseconds(result.Meta.DurationSeconds * 1000)} from {result.Meta.StartedAt:yyyy-MM-dd HH:mm:ss} UTC"));
        md.Append(result.Thresholds.Count > 0 ? FormattableString.Invariant($"; {result.Thresholds.Count(t => t.Outcome == ThresholdOutcomeNames.Passed)} of {result.Thresholds.Count} thresholds passed") : "");
        md.Append(result.Meta.StopReason is { } reason ? $"; stopped early: {Escape(reason)}" : "").Append(".\n\n");

        if (result.Thresholds.Count > 0)
        {
            md.Append("| | metric | threshold | observed |\n|---|---|---|---|\n");
            foreach (var t in result.Thresholds)
            {
                var mark = t.Outcome switch { ThresholdOutcomeNames.Passed => "✅", ThresholdOutcomeNames.Failed => "❌", _ => "➖" };
                var observed = t.Observed is { } v ? ConsoleSummary.FormatObserved(result, t.Metric, t.Expression, v) : "no data";
                md.Append($"| {mark} | `{Escape(t.Metric)}` | `{Escape(t.Expression)}` | {observed} |\n");
            }

            md.Append('\n');
        }

        var drops = DroppedArrivalsNotice.For(result);
        if (drops is not null)
        {
            md.Append("> [!WARNING]\n> **").Append(DroppedArrivalsNotice.Title).Append(":** ").Append(Escape(drops.Text)).Append('\n');
            foreach (var line in drops.ScenarioLines)
            {
                md.Append(">\n> - ").Append(Escape(line)).Append('\n');
            }

            md.Append('\n');
        }

        md.Append("| metric | value |\n|---|---|\n");
        if (result.Metric(BuiltinMetrics.HttpReqs.Name)?.Values is { } reqs)
        {
            md.Append($"| requests | {ValueFormat.Number(reqs.Count ?? 0, 0)} ({ValueFormat.Number(reqs.Rate ?? 0)}/s) |\n");
        }

        if (result.Metric(BuiltinMetrics.HttpReqFailed.Name)?.Values is { } failedReqs)
        {
            md.Append($"| failed requests | {ValueFormat.Percent(failedReqs.Rate ?? 0)} |\n");
        }

        if (result.Metric(BuiltinMetrics.HttpReqDuration.Name)?.Values is { Count: > 0 } d)
        {
            md.Append($"| http_req_duration | avg {ValueFormat.Milliseconds(d.Avg ?? 0)} · p90 {ValueFormat.Milliseconds(d.P90 ?? 0)} · p95 {ValueFormat.Milliseconds(d.P95 ?? 0)} · p99 {ValueFormat.Milliseconds(d.P99 ?? 0)} · max {ValueFormat.Milliseconds(d.Max ?? 0)} |\n");
        }

        if (drops is not null)
        {
            md.Append($"| ⚠️ dropped arrivals | {Escape(drops.Reminder)} |\n");
        }

        if (result.Metric(BuiltinMetrics.Iterations.Name)?.Values is { } iterations)
        {
            md.Append($"| iterations | {ValueFormat.Number(iterations.Count ?? 0, 0)} |\n");
        }

        if (result.Metric(BuiltinMetrics.Vus.Name)?.Values.Max is { } vus)
        {
            md.Append($"| peak VUs | {ValueFormat.Number(vus, 0)} |\n");
        }

        var checks = result.Checks.Sum(c => c.Passes + c.Fails);
        if (checks > 0)
        {
            md.Append($"| checks | {ValueFormat.Percent((double)result.Checks.Sum(c => c.Passes) / checks)} of {checks} |\n");
        }

        md.Append('\n');
        var (rows, _) = EndpointStats.From(result);
        if (rows.Count > 0)
        {
            md.Append("| endpoint | count | p50 | p95 | p99 | errors |\n|---|---:|---:|---:|---:|---:|\n");
            foreach (var row in rows.Take(MaxEndpoints))
            {
                md.Append($"| {Escape((row.Method + " " + row.Name).Trim())} | {row.Count} | {ValueFormat.Milliseconds(row.Percentile(50))} | {ValueFormat.Milliseconds(row.Percentile(95))} | {ValueFormat.Milliseconds(row.Percentile(99))} | {ValueFormat.Percent(row.ErrorShare)} |\n");
            }

            if (rows.Count > MaxEndpoints)
            {
                md.Append($"\n…and {rows.Count - MaxEndpoints} more endpoints.\n");
            }

            md.Append('\n');
        }

        var failing = result.Checks.Where(c => c.Fails > 0).ToList();
        if (result.Tenants is { } tenants)
        {
            md.Append("| ").Append(string.Join(" | ", TenantReport.Columns)).Append(" |\n|---|---|---:|---:|---:|---:|---:|\n");
            foreach (var row in tenants.Tenants.Take(50))
            {
                md.Append("| ").Append(string.Join(" | ", TenantReport.Cells(row).Select(Escape))).Append(" |\n");
            }

            md.Append('\n');
            foreach (var line in (tenants.Isolation is { } isolation ? TenantReport.IsolationLines(isolation) : []).Concat(TenantReport.CleanupLines(tenants)))
            {
                md.Append("- ").Append(Escape(line.Trim())).Append('\n');
            }

            md.Append('\n');
        }

        if (failing.Count > 0)
        {
            md.Append("Failing checks:\n\n");
            foreach (var check in failing)
            {
                md.Append($"- ❌ {Escape(check.Name)}: {check.Fails} of {check.Passes + check.Fails} failed\n");
            }

            md.Append('\n');
        }

        return md.ToString();
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
