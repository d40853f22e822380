using System.Text;
using Stampede.Metrics;
using Stampede.Thresholds;

namespace Stampede.Outputs;

/// <summary>
/// The end-of-test summary in the spirit of k6's: thresholds with ✓/✗ first, then checks and every metric grouped
/// (HTTP, execution, network, custom) with avg/min/med/max/p(90)/p(95)/p(99) for trends, rates and counts, then
/// per-scenario totals and errors.
/// </summary>
public sealed class ConsoleSummary
{
    private const int NameWidth = 34;
    private readonly bool _color;

    /// <summary>Creates a summary writer; <paramref name="color"/> adds ANSI colours.</summary>
    public ConsoleSummary(bool color = false)
    {
        _color = color;
    }

    /// <summary>The summary of <paramref name="result"/> as text.</summary>
    public string Render(RunResult result)
    {
        var text = new StringBuilder();
        text.AppendLine();
        if (result.Meta.StopReason is { } reason)
        {
            text.AppendLine(Paint($"  Run stopped early: {reason}", Yellow));
            text.AppendLine();
        }

        var drops = DroppedArrivalsNotice.For(result);
        if (drops is not null)
        {
            text.AppendLine(Paint($"  Warning: {drops.Text}", Yellow));
            foreach (var line in drops.ScenarioLines)
            {
                text.AppendLine(Paint($"    {line}", Yellow));
            }

            text.AppendLine();
        }

        foreach (var warning in HarnessWarnings.Warnings(result))
        {
            text.AppendLine(Paint($"  Warning: {warning}", Yellow));
            text.AppendLine();
        }

        if (result.Thresholds.Count > 0)
        {
            text.AppendLine(Heading("THRESHOLDS"));
            foreach (var group in result.Thresholds.GroupBy(t => t.Metric))
            {
                text.AppendLine($"    {group.Key}");
                foreach (var threshold in group)
                {
                    var observed = threshold.Observed is { } value
                        ? $" {ObservedName(threshold.Expression)}={FormatObserved(result, group.Key, threshold.Expression, value)}"
                        : " (no data)";
                    var mark = threshold.Outcome switch
                    {
                        ThresholdOutcomeNames.Passed => Paint("✓", Green),
                        ThresholdOutcomeNames.Failed => Paint("✗", Red),
                        _ => Paint("-", Yellow),
                    };
                    var aborted = threshold.Aborted ? Paint(" (aborted the run)", Red) : "";
                    text.AppendLine($"    {mark} '{threshold.Expression}'{observed}{aborted}");
                }

                text.AppendLine();
            }
        }

        text.AppendLine(Heading("TOTAL RESULTS"));
        if (result.Checks.Count > 0)
        {
            long passes = result.Checks.Sum(c => c.Passes), fails = result.Checks.Sum(c => c.Fails), total = passes + fails;
            text.AppendLine(Line("checks_total", $"{total,-10} {ValueFormat.Number(total / Math.Max(result.Meta.DurationSeconds, 1e-9))}/s"));
            text.AppendLine(Line("checks_succeeded", $"{ValueFormat.Percent(total == 0 ? 0 : (double)passes / total),-10} {passes} out of {total}"));
            text.AppendLine(Line("checks_failed", $"{ValueFormat.Percent(total == 0 ? 0 : (double)fails / total),-10} {fails} out of {total}"));
            text.AppendLine();
            foreach (var group in result.Checks.GroupBy(c => c.Group))
            {
                var indent = "    ";
                if (group.Key.Length > 0)
                {
                    text.AppendLine($"    █ {group.Key.TrimStart(':').Replace("::", " › ", StringComparison.Ordinal)}");
                    indent = "      ";
                }

                foreach (var check in group)
                {
                    var ok = check.Fails == 0;
                    var detail = ok ? "" : Paint($"  {ValueFormat.Percent((double)check.Passes / Math.Max(1, check.Passes + check.Fails))} — ✓ {check.Passes} / ✗ {check.Fails}", Red);
                    text.AppendLine($"{indent}{(ok ? Paint("✓", Green) : Paint("✗", Red))} {check.Name}{detail}");
                }
            }

            text.AppendLine();
        }

        foreach (var (title, metrics) in Sections(result))
        {
            text.AppendLine($"    {title}");
            if (drops is not null && title is "HTTP" or "EXECUTION")
            {
                text.AppendLine(Paint($"    ({drops.Reminder}: see the warning above)", Yellow));
            }

            foreach (var metric in metrics)
            {
                text.AppendLine(Line(metric.Name, Describe(metric, metric.Values, result.Meta.DurationSeconds)));
                foreach (var series in ThresholdSubmetrics(result, metric))
                {
                    text.AppendLine(Line("  { " + series.Filter + " }", Describe(metric, series.Values, result.Meta.DurationSeconds)));
                }
            }

            text.AppendLine();
        }

        AppendCost(text, result);
        if (result.Scenarios.Count > 0)
        {
            text.AppendLine(Heading("SCENARIOS"));
            foreach (var scenario in result.Scenarios)
            {
                text.AppendLine($"    {scenario.Name} ({scenario.Executor}): {scenario.Iterations} iterations, {scenario.FailedIterations} failed, " +
                                $"{scenario.InterruptedIterations} interrupted, {scenario.DroppedIterations} dropped, {scenario.Vus} VUs");
            }

            text.AppendLine();
        }

        if (result.Tenants is { } tenants)
        {
            AppendTenants(text, tenants);
        }

        if (result.Annotations.Count > 0)
        {
            text.AppendLine(Heading(result.Annotations.Any(a => a.Kind == RunAnnotation.ControlKind) ? "FAULTS AND CONTROL ACTIONS" : "FAULTS"));
            foreach (var annotation in result.Annotations)
            {
                text.AppendLine($"    {Annotation(annotation)}");
            }

            text.AppendLine();
        }

        var failures = FailedRequests(result).ToList();
        if (failures.Count > 0)
        {
            text.AppendLine(Heading("FAILED REQUESTS"));
            foreach (var (what, count) in failures.Take(10))
            {
                text.AppendLine(Paint($"    {count,8}× {what}", Red));
            }

            text.AppendLine();
        }

        if (result.Errors.Count > 0)
        {
            text.AppendLine(Heading("ERRORS"));
            foreach (var error in result.Errors.Take(10))
            {
                text.AppendLine(Paint($"    {error.Count}× [{error.Scenario}] {error.Message}", Red));
            }

            text.AppendLine();
        }

        var verdict = result.Passed
            ? Paint("  ✓ all thresholds passed", Green)
            : Paint($"  ✗ {result.Thresholds.Count(t => t.Outcome == ThresholdOutcomeNames.Failed)} threshold(s) failed", Red);
        text.AppendLine(result.Thresholds.Count == 0 ? "  (no thresholds)" : verdict);
        text.AppendLine($"  ran {ValueFormat.Milliseconds(result.Meta.DurationSeconds * 1000)}, {result.Meta.Plan}");
        return text.ToString();
    }

    private void AppendTenants(StringBuilder text, TenantsResult tenants)
    {
        text.AppendLine(Heading($"TENANTS (run {tenants.RunId})"));
        var rows = tenants.Tenants.Select(TenantReport.Cells).ToList();
        var widths = TenantReport.Columns.Select((c, i) => Math.Max(c.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToList();
        text.AppendLine("    " + string.Join("  ", TenantReport.Columns.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        foreach (var row in rows.Take(50))
        {
            text.AppendLine("    " + string.Join("  ", row.Select((c, i) => i >= 2 ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd());
        }

        if (rows.Count > 50)
        {
            text.AppendLine($"    …and {rows.Count - 50} more organisations (see the JSON result)");
        }

        if (tenants.Isolation is { } isolation)
        {
            foreach (var line in TenantReport.IsolationLines(isolation))
            {
                text.AppendLine(Paint("    " + line, isolation.Verdict == "isolated" ? Green : line.Contains('✓', StringComparison.Ordinal) ? Green : Red));
            }
        }

        foreach (var line in TenantReport.CleanupLines(tenants))
        {
            text.AppendLine(Paint("    " + line, tenants.Cleanup is { Failures.Count: > 0 } || tenants.SetupError is not null ? Yellow : Green));
        }

        text.AppendLine();
    }

    /// <summary>The LLM spend (<c>llm_cost</c>): total, per tenant and per scenario, in dollars to four significant digits.</summary>
    private void AppendCost(StringBuilder text, RunResult result)
    {
        if (result.Metric("llm_cost") is not { } cost)
        {
            return;
        }

        static string Usd(double value)
        {
            if (value == 0 || !double.IsFinite(value))
            {
                return "$0";
            }

            var decimals = Math.Clamp(3 - (int)Math.Floor(Math.Log10(Math.Abs(value))), 0, 15);
            return "$" + Math.Round(value, decimals).ToString("F" + decimals.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
        }

        text.AppendLine(Heading("COST"));
        text.AppendLine(Line("total", Usd(cost.Values.Count ?? 0)));
        foreach (var tag in new[] { "tenant", "scenario" })
        {
            foreach (var group in cost.Series.GroupBy(series => series.Tags.GetValueOrDefault(tag, "(none)")).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                text.AppendLine(Line($"{tag} {group.Key}", Usd(group.Sum(series => series.Values.Count ?? 0))));
            }
        }

        text.AppendLine();
    }

    /// <summary>One fault: when, what, and the resilience verdict (time to detect, time to recover, requests lost).</summary>
    private string Annotation(RunAnnotation fault)
    {
        var window = fault.End is { } end ? $"{ValueFormat.Number(fault.At, 1)}s–{ValueFormat.Number(end, 1)}s" : $"{ValueFormat.Number(fault.At, 1)}s";
        var line = $"{window} {fault.Kind}{(fault.Name is null ? "" : $" '{fault.Name}'")}: {fault.Description}";
        if (fault.Recovered is { } recovered)
        {
            var detected = fault.DetectionSeconds is { } d ? $"detected after {ValueFormat.Number(d, 1)}s" : "no effect detected";
            var recovery = recovered
                ? fault.RecoverySeconds is { } r ? Paint($"recovered after {ValueFormat.Number(r, 1)}s", Green) : Paint("recovered", Green)
                : Paint("did not recover", Red);
            line += $" — {detected}, {recovery}, {ValueFormat.Number(fault.RequestsLost ?? 0, 0)} requests lost";
        }

        return line;
    }

    /// <summary>Requests with an unexpected outcome, by method, name, status and error code, most frequent first.</summary>
    private static IEnumerable<(string What, long Count)> FailedRequests(RunResult result) =>
        (result.Metric("http_reqs")?.Series ?? [])
            .Where(s => s.Tags.GetValueOrDefault("expected_response") == "false")
            .GroupBy(s => (
                Method: s.Tags.GetValueOrDefault("method", ""),
                Name: s.Tags.GetValueOrDefault("name", ""),
                Status: s.Tags.GetValueOrDefault("status", "0"),
                Code: s.Tags.GetValueOrDefault("error_code", "")))
            .Select(g => (
                What: $"{g.Key.Method} {g.Key.Name} → " + (g.Key.Status == "0" ? "no response" : $"status {g.Key.Status}") + (g.Key.Code.Length > 0 ? $" (error {g.Key.Code})" : ""),
                Count: (long)g.Sum(s => s.Values.Count ?? 0)))
            .OrderByDescending(f => f.Count);

    private static IEnumerable<(string Title, List<MetricResult> Metrics)> Sections(RunResult result)
    {
        static string SectionOf(string name) => name switch
        {
            _ when name.StartsWith("http_", StringComparison.Ordinal) => "HTTP",
            _ when name.StartsWith("sse_", StringComparison.Ordinal) || name.StartsWith("ws_", StringComparison.Ordinal) || name.StartsWith("llm_", StringComparison.Ordinal) => "STREAMING",
            _ when name.StartsWith("data_", StringComparison.Ordinal) => "NETWORK",
            "iterations" or "iteration_duration" or "iteration_lateness" or "iteration_response_time" or "dropped_iterations" or "queued_iterations" or "vus" or "vus_max" or "group_duration" => "EXECUTION",
            _ when name.StartsWith("harness_", StringComparison.Ordinal) => "HARNESS",
            "checks" => "",
            _ => "CUSTOM",
        };

        string[] order = ["HTTP", "STREAMING", "EXECUTION", "NETWORK", "CUSTOM", "HARNESS"];
        var grouped = result.Metrics.GroupBy(m => SectionOf(m.Name)).Where(g => g.Key.Length > 0).ToDictionary(g => g.Key, g => g.OrderBy(m => m.Name, StringComparer.Ordinal).ToList());
        foreach (var title in order)
        {
            if (grouped.TryGetValue(title, out var metrics))
            {
                yield return (title, metrics);
            }
        }
    }

    private static IEnumerable<(string Filter, ResultValues Values)> ThresholdSubmetrics(RunResult result, MetricResult metric)
    {
        // Show a submetric under its metric when a threshold names it, as k6 does.
        foreach (var selector in result.Thresholds.Select(t => t.Metric).Distinct())
        {
            var brace = selector.IndexOf('{', StringComparison.Ordinal);
            if (brace < 0 || selector[..brace] != metric.Name)
            {
                continue;
            }

            var filter = selector[(brace + 1)..].TrimEnd('}');
            if (SubmetricValues.Find(result, selector) is { } values)
            {
                yield return (filter, values);
            }
        }
    }

    private static string Describe(MetricResult metric, ResultValues v, double seconds) => metric.Kind switch
    {
        MetricKind.Counter => $"{(metric.Unit == MetricUnit.Data ? ValueFormat.Bytes(v.Count ?? 0) : ValueFormat.Number(v.Count ?? 0)),-10} {(metric.Unit == MetricUnit.Data ? ValueFormat.Bytes(v.Rate ?? 0) : ValueFormat.Number(v.Rate ?? 0))}/s",
        MetricKind.Rate => $"{ValueFormat.Percent(v.Rate ?? 0),-10} {v.Passes} out of {v.Count}",
        MetricKind.Gauge => $"{ValueFormat.InUnit(v.Value ?? 0, metric.Unit),-10} min={ValueFormat.InUnit(v.Min ?? 0, metric.Unit)} max={ValueFormat.InUnit(v.Max ?? 0, metric.Unit)}",
        _ => $"avg={F(v.Avg, metric.Unit)} min={F(v.Min, metric.Unit)} med={F(v.Med, metric.Unit)} max={F(v.Max, metric.Unit)} p(90)={F(v.P90, metric.Unit)} p(95)={F(v.P95, metric.Unit)} p(99)={F(v.P99, metric.Unit)}",
    };

    private static string F(double? value, MetricUnit unit) => value is { } v ? ValueFormat.InUnit(v, unit) : "-";

    internal static string ObservedName(string expression)
    {
        var end = expression.IndexOfAny(['<', '>', '=', '!']);
        return (end < 0 ? expression : expression[..end]).Replace(" ", "", StringComparison.Ordinal);
    }

    internal static string FormatObserved(RunResult result, string selector, string expression, double value)
    {
        var brace = selector.IndexOf('{', StringComparison.Ordinal);
        var unit = result.Metric(brace < 0 ? selector : selector[..brace])?.Unit ?? MetricUnit.None;
        var aggregation = ObservedName(expression);
        return aggregation switch
        {
            "rate" when result.Metric(brace < 0 ? selector : selector[..brace])?.Kind == MetricKind.Rate => ValueFormat.Percent(value),
            "count" or "rate" => ValueFormat.Number(value),
            _ => ValueFormat.InUnit(value, unit),
        };
    }

    private string Line(string name, string value)
    {
        var dots = name.Length >= NameWidth ? " " : new string('.', NameWidth - name.Length);
        return $"    {name}{Paint(dots, Grey)}: {value}";
    }

    private string Heading(string title) => Paint($"  █ {title}", Bold) + Environment.NewLine;

    private const string Green = "32";
    private const string Red = "31";
    private const string Yellow = "33";
    private const string Grey = "90";
    private const string Bold = "1";

    private string Paint(string text, string code) => _color ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
