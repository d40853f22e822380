using System.CommandLine;
using Stampede.Cli.Hosting;
using Stampede.Metrics;
using Stampede.Plans;
using Stampede.Plans.Profiles;
using Stampede.Yaml;

namespace Stampede.Cli.Commands;

/// <summary>
/// <c>stampede run</c>: runs a plan file, or with <c>--url</c> a quick test of one URL (like hey or bombardier)
/// on the same engine, with the same summary and thresholds.
/// </summary>
internal static class RunCommand
{
    public static Command Create(IConsoleHost host)
    {
        var options = new RunOptions();
        var planFile = new Argument<string?>("plan") { Description = "A test plan file (YAML) or a k6 script (.js). Omit it and give --url for a quick test of one URL.", Arity = ArgumentArity.ZeroOrOne };
        var url = new Option<string?>("--url") { Description = "Quick test: request this URL in every iteration." };
        var method = new Option<string>("--method", "-X") { Description = "Quick test: the HTTP method.", DefaultValueFactory = _ => "GET" };
        var headers = new Option<string[]>("--header", "-H") { Description = "Quick test: a request header 'Name: value'. Repeatable." };
        var body = new Option<string?>("--body") { Description = "Quick test: the request body (sent as JSON when it parses as JSON, else as text)." };
        var think = new Option<string?>("--think") { Description = "Quick test: pause this long after each request (think time), e.g. 1s." };
        var summaryExport = new Option<string?>("--summary-export") { Description = "Write k6's end-of-test summary JSON to this file (for CI scripts that parse it); any plan, script or --url run." };
        var command = new Command("run", "Run a load test: a plan file (YAML or a k6 script), or a quick test of one URL with --url.") { planFile, url, method, headers, body, think, summaryExport };
        options.AddTo(command);
        command.SetAction(async (parse, _) =>
        {
            var settings = options.Read(parse);
            var file = parse.GetValue(planFile);
            var target = parse.GetValue(url);
            if (file is null && target is null)
            {
                ErrorReport.Write(host.Error, [new PlanError("run", "give a plan file (stampede run plan.yaml) or a URL (stampede run --url http://127.0.0.1:5000/api/health)")]);
                return ExitCodes.BadInput;
            }

            if (file is not null && K6ScriptRun.IsScript(file))
            {
                return await K6ScriptRun.RunAsync(host, file, settings, parse.GetValue(summaryExport)).ConfigureAwait(false);
            }

            if (file is not null)
            {
                var load = PlanFile.Load(file, settings, host);
                if (!load.Succeeded)
                {
                    ErrorReport.Write(host.Error, load.Errors);
                    return ExitCodes.BadInput;
                }

                return await RunLoadedAsync(host, load, settings, new PlanRunner(host), null, parse.GetValue(summaryExport)).ConfigureAwait(false);
            }

            var errors = new List<PlanError>();
            var quick = QuickTest.Build(target!, parse.GetValue(method)!, parse.GetValue(headers) ?? [], parse.GetValue(body), parse.GetValue(think), settings, errors);
            if (errors.Count > 0)
            {
                ErrorReport.Write(host.Error, errors);
                return ExitCodes.BadInput;
            }

            var outcome = await new PlanRunner(host).RunAsync(quick!, settings).ConfigureAwait(false);
            return await ExportSummaryAsync(host, outcome, parse.GetValue(summaryExport)).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>
    /// Runs a loaded plan file as <c>stampede run plan.yaml</c> does; <c>stampede ui</c> runs it the same way once
    /// Start is pressed, on the dashboard it already serves (<c>served</c>, else null).
    /// </summary>
    internal static async Task<int> RunLoadedAsync(IConsoleHost host, PlanLoadResult load, RunSettings settings, PlanRunner runner, Dashboard.LiveDashboard? served, string? summaryExport)
    {
        // The runner warns of what the library finds on the plan as it runs (after the command line's options);
        // pauses were measured against the plan's own durations, which --vus/--duration/--rate/… replace.
        var runSettings = PlanFile.ForProfile(settings, load);
        ErrorReport.WriteWarnings(host.Error, runSettings.OverridesLoad ? load.StepWarnings : [.. load.StepWarnings, .. load.PauseWarnings]);
        var plan = load.Plan!;
        Func<RunResult, IReadOnlyDictionary<string, double>>? notes = load.Profile is BreakpointProfile ? r => BreakpointReport.Notes(plan, r) : null;
        var planOutcome = await runner.RunAsync(plan, runSettings, notes: notes, served: served).ConfigureAwait(false);
        if (load.Profile is BreakpointProfile && planOutcome.Result is { } result)
        {
            BreakpointReport.Write(host.Out, plan, result);
        }

        return await ExportSummaryAsync(host, planOutcome, summaryExport).ConfigureAwait(false);
    }

    // CI scripts written for k6 parse its summary export; a YAML or --url run writes the same file from its result
    // (k6's default trend columns), so switching front ends does not break them.
    private static async Task<int> ExportSummaryAsync(IConsoleHost host, RunOutcome outcome, string? path)
    {
        if (path is null || outcome.Result is not { } result)
        {
            return outcome.ExitCode;
        }

        var data = K6.Summary.K6SummaryData.From(result, noColor: true);
        var written = await OutputFile.WriteAsync(host, path, K6.Summary.K6SummaryExport.From(data), null).ConfigureAwait(false);
        return outcome.ExitCode == ExitCodes.Ok && !written ? ExitCodes.Failure : outcome.ExitCode;
    }
}
