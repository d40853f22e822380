using System.Globalization;
using System.Xml.Linq;
using Stampede.Metrics;

namespace Stampede.Outputs;

/// <summary>
/// <c>--out junit=FILE</c>: JUnit XML for CI systems, one test case per threshold (suite <c>thresholds</c>) and per
/// check (suite <c>checks</c>). A failed threshold or a check with any failure is a <c>failure</c>; a threshold
/// without data is <c>skipped</c>.
/// </summary>
public sealed class JUnitOutput(string path) : IOutput
{
    /// <inheritdoc />
    public void Start(RunInfo run)
    {
    }

    /// <inheritdoc />
    public void OnSecond(LiveSnapshot snapshot)
    {
    }

    /// <inheritdoc />
    public Task EndAsync(RunResult result, CancellationToken cancellationToken) =>
        OutputFile.WriteTextAsync(OutputPath.Resolve(path, result), Render(result), cancellationToken);

    /// <summary>The JUnit XML document for <paramref name="result"/>.</summary>
    public static string Render(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var time = result.Meta.DurationSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        var drops = DroppedArrivalsNotice.For(result);
        var thresholds = new XElement("testsuite",
            new XAttribute("name", "thresholds"),
            new XAttribute("tests", result.Thresholds.Count),
            new XAttribute("failures", result.Thresholds.Count(t => t.Outcome == ThresholdOutcomeNames.Failed)),
            new XAttribute("skipped", result.Thresholds.Count(t => t.Outcome == ThresholdOutcomeNames.NoData)),
            new XAttribute("time", time),
            DroppedArrivalsProperties(drops),
            result.Thresholds.Select(t => ThresholdCase(result, t, drops)),
            drops is null ? null : new XElement("system-out", DroppedArrivalsText(drops)));
        var checks = new XElement("testsuite",
            new XAttribute("name", "checks"),
            new XAttribute("tests", result.Checks.Count),
            new XAttribute("failures", result.Checks.Count(c => c.Fails > 0)),
            new XAttribute("time", time),
            result.Checks.Select(CheckCase));
        var root = new XElement("testsuites",
            new XAttribute("name", result.Meta.Plan),
            new XAttribute("tests", result.Thresholds.Count + result.Checks.Count),
            new XAttribute("failures", result.Thresholds.Count(t => t.Outcome == ThresholdOutcomeNames.Failed) + result.Checks.Count(c => c.Fails > 0)),
            new XAttribute("time", time),
            new XAttribute("timestamp", result.Meta.StartedAt.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture)),
            thresholds, checks);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root).Declaration + "\n" + root + "\n";
    }

    /// <summary>The drops as suite properties, which CI systems show and scripts can read.</summary>
    private static XElement? DroppedArrivalsProperties(DroppedArrivalsNotice? drops) => drops is null ? null : new XElement("properties",
        new XElement("property", new XAttribute("name", "dropped_arrivals"), new XAttribute("value", drops.Drops.Dropped)),
        new XElement("property", new XAttribute("name", "started_iterations"), new XAttribute("value", drops.Drops.Started)),
        new XElement("property", new XAttribute("name", "dropped_arrivals_fraction"), new XAttribute("value", drops.Drops.Fraction.ToString("R", CultureInfo.InvariantCulture))));

    private static string DroppedArrivalsText(DroppedArrivalsNotice drops) =>
        string.Join("\n", [$"{DroppedArrivalsNotice.Title}: {drops.Text}", .. drops.ScenarioLines.Select(line => "  " + line)]);

    private static XElement ThresholdCase(RunResult result, ThresholdResult threshold, DroppedArrivalsNotice? drops)
    {
        var testCase = new XElement("testcase",
            new XAttribute("classname", "thresholds." + threshold.Metric),
            new XAttribute("name", threshold.Expression),
            new XAttribute("time", "0"));
        var observed = threshold.Observed is { } value ? ConsoleSummary.FormatObserved(result, threshold.Metric, threshold.Expression, value) : "no data";

        // A latency threshold that passed while arrivals were dropped judged only the iterations that started.
        var brace = threshold.Metric.IndexOf('{', StringComparison.Ordinal);
        if (drops is not null && result.Metric(brace < 0 ? threshold.Metric : threshold.Metric[..brace])?.Unit == MetricUnit.Time)
        {
            observed += $" ({drops.Reminder})";
        }

        switch (threshold.Outcome)
        {
            case ThresholdOutcomeNames.Failed:
                testCase.Add(new XElement("failure",
                    new XAttribute("message", $"{threshold.Metric} {threshold.Expression} failed: {ConsoleSummary.ObservedName(threshold.Expression)}={observed}"),
                    new XAttribute("type", "threshold"),
                    threshold.Aborted ? "the threshold aborted the run" : ""));
                break;
            case ThresholdOutcomeNames.NoData:
                testCase.Add(new XElement("skipped", new XAttribute("message", "no samples for the selected metric")));
                break;
            default:
                testCase.Add(new XElement("system-out", $"{ConsoleSummary.ObservedName(threshold.Expression)}={observed}"));
                break;
        }

        return testCase;
    }

    private static XElement CheckCase(CheckResult check)
    {
        var testCase = new XElement("testcase",
            new XAttribute("classname", "checks" + (check.Group.Length > 0 ? "." + check.Group.TrimStart(':') : "")),
            new XAttribute("name", check.Name),
            new XAttribute("time", "0"));
        var total = check.Passes + check.Fails;
        if (check.Fails > 0)
        {
            testCase.Add(new XElement("failure",
                new XAttribute("message", FormattableString.Invariant($"{check.Fails} of {total} failed")),
                new XAttribute("type", "check")));
        }
        else
        {
            testCase.Add(new XElement("system-out", FormattableString.Invariant($"{check.Passes} of {total} passed")));
        }

        return testCase;
    }
}
