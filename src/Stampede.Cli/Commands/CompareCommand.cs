using System.CommandLine;
using Stampede.Cli.Hosting;
using Stampede.History.Comparison;
using Stampede.Plans;

namespace Stampede.Cli.Commands;

/// <summary>
/// <c>stampede compare RUN --baseline …</c>: baseline vs current per metric and tagged series, with the change and
/// whether it is real (beyond tolerance and noise). Exit 98 when something regressed: the CI gate.
/// </summary>
internal static class CompareCommand
{
    public static Command Create(IConsoleHost host)
    {
        var store = HistoryStoreOption.Create();
        var run = new Argument<string>("run") { Description = "The run to judge: a run id, 'last', or a result JSON file." };
        var baseline = new Option<string>("--baseline", "-b") { Description = "The baseline: last-passed (default), last, tag:KEY[=VALUE], a run id or a result file.", DefaultValueFactory = _ => "last-passed" };
        var regressions = new Option<string?>("--regressions") { Description = "Tolerance bands, a YAML/JSON file: { http_req_duration: { p95: \"+10%\", p99: \"+15%\" }, http_req_failed: { rate: \"+0.5pp\" } }." };
        var format = new Option<string>("--format", "-f") { Description = "table, markdown (for a pull-request comment) or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "markdown", "json");
        var alpha = new Option<double>("--alpha") { Description = "Significance level of the noise test (lower: fewer false alarms, more missed changes).", DefaultValueFactory = _ => 0.01 };
        var noSeries = new Option<bool>("--no-series") { Description = "Compare whole metrics only, not each tagged series." };
        var command = new Command("compare", "Compare a run with a baseline; exit 98 when a figure regressed beyond its tolerance and beyond noise.") { run, baseline, regressions, format, alpha, noSeries, store };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var errors = new List<PlanError>();
            var options = new ComparisonOptions { Alpha = parse.GetValue(alpha), Series = !parse.GetValue(noSeries) };
            if (parse.GetValue(regressions) is { } file)
            {
                options = options with { Rules = HistoryStoreOption.ReadRules(file, errors) };
            }

            if (options.Alpha is <= 0 or >= 1)
            {
                errors.Add(new PlanError("--alpha", "must be between 0 and 1, e.g. 0.01"));
            }

            if (errors.Count > 0)
            {
                ErrorReport.Write(host.Error, errors);
                return ExitCodes.BadInput;
            }

            await using var runs = StoredRuns.Open(host, parse.GetValue(store));
            if (await runs.LoadAsync(parse.GetValue(run)!, cancellationToken).ConfigureAwait(false) is not { } current
                || await runs.LoadBaselineAsync(parse.GetValue(baseline)!, current, cancellationToken).ConfigureAwait(false) is not { } old)
            {
                return runs.ExitCode;
            }

            var report = RunComparer.Compare(old.Result, current.Result, options, old.Label, current.Label);
            await host.Out.WriteAsync(parse.GetValue(format) switch
            {
                "markdown" => ComparisonFormatter.Markdown(report),
                "json" => ComparisonFormatter.Json(report) + Environment.NewLine,
                _ => ComparisonFormatter.Table(report),
            }).ConfigureAwait(false);
            return report.HasRegression ? ExitCodes.RegressionFound : ExitCodes.Ok;
        });
        return command;
    }
}
