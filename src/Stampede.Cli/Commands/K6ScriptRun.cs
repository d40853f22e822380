using Stampede.Cli.Hosting;
using Stampede.K6;
using Stampede.K6.Summary;
using Stampede.Metrics;
using Stampede.Outputs;

namespace Stampede.Cli.Commands;

/// <summary>
/// <c>stampede run script.js</c>: a k6 script on Stampede's engine, with k6's exit codes (107 when the script throws
/// outside an iteration, 108 on <c>test.abort()</c>), its end of test (<c>handleSummary</c> or k6's text summary) and
/// its summary export.
/// </summary>
internal static class K6ScriptRun
{
    public static bool IsScript(string file) =>
        file.EndsWith(".js", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".mjs", StringComparison.OrdinalIgnoreCase);

    /// <param name="host">The process boundary.</param>
    /// <param name="file">The script.</param>
    /// <param name="settings">Command-line settings.</param>
    /// <param name="summaryExport">Where to write k6's summary export, or null.</param>
    /// <param name="extraOutputs">Outputs besides those the settings ask for.</param>
    /// <param name="control">Stops the run from outside as well as by signals; null: the run's own.</param>
    /// <param name="lifecycle">Where setup and teardown run (a coordinated worker's share); null: here.</param>
    public static async Task<int> RunAsync(IConsoleHost host, string file, RunSettings settings, string? summaryExport, IEnumerable<IOutput>? extraOutputs = null, Execution.RunControl? control = null, Execution.IRunLifecycle? lifecycle = null)
    {
        using var load = K6ScriptLoader.Load(file, new K6LoadOptions
        {
            Env = HostEnvironment.From(host, settings.Env),
            Log = (level, message) => host.Error.WriteLine($"{level.ToUpperInvariant()}[console] {message}"),
        });
        if (!load.Succeeded)
        {
            ErrorReport.Write(host.Error, load.Errors);
            return load.Errors.Any(e => e.Path == "init") ? ExitCodes.ScriptException : ExitCodes.BadInput;
        }

        var summary = load.Summary!;
        var writeFailed = false;

        // Built once from the result (it decodes every histogram) for the end of test and the export alike.
        System.Text.Json.Nodes.JsonObject? data = null;
        var outcome = await new PlanRunner(host, userCode: false, control, lifecycle)
            .RunAsync(load.Plan!, settings, extraOutputs, summary: async (result, color) =>
            {
                data = summary.Data(result, settings.NoColor, host.IsTerminal, host.IsTerminal);
                writeFailed = !await EndOfTestAsync(host, summary, data, result, color).ConfigureAwait(false);
            })
            .ConfigureAwait(false);
        if (outcome.Result is not { } finished)
        {
            return outcome.ExitCode;
        }

        // k6's summary has no room for them, so the stop reason and the script's exceptions go to stderr, as k6 logs them.
        if (finished.Meta.StopReason is { } reason)
        {
            host.Error.WriteLine($"run stopped early: {reason}");
        }

        foreach (var error in finished.Errors.Take(10))
        {
            host.Error.WriteLine($"error: {error.Count}× [{error.Scenario}] {error.Message}");
        }

        if (summaryExport is not null)
        {
            data ??= summary.Data(finished, settings.NoColor, host.IsTerminal, host.IsTerminal);
            writeFailed |= !await OutputFile.WriteAsync(host, summaryExport, K6SummaryExport.From(data), null).ConfigureAwait(false);
        }

        var stop = finished.Meta.StopReason;
        if (stop is not null && stop.StartsWith(K6.Modules.ExecutionModule.AbortReason, StringComparison.Ordinal))
        {
            return ExitCodes.ScriptAborted;
        }

        if (stop is not null && (stop.StartsWith(Execution.Engine.SetupFailedReason, StringComparison.Ordinal) || stop.StartsWith(Execution.Engine.InitFailedReason, StringComparison.Ordinal)))
        {
            return ExitCodes.ScriptException;
        }

        return outcome.ExitCode == ExitCodes.Ok && writeFailed ? ExitCodes.Failure : outcome.ExitCode;
    }

    /// <summary>Writes what the script's end of test returns; false when a file could not be written.</summary>
    private static async Task<bool> EndOfTestAsync(IConsoleHost host, ScriptSummary summary, System.Text.Json.Nodes.JsonObject data, RunResult result, bool color)
    {
        var end = await summary.HandleAsync(data, color).ConfigureAwait(false);
        if (end.Error is not null)
        {
            host.Error.WriteLine($"error: {end.Error}");
        }

        var written = true;
        foreach (var output in end.Outputs)
        {
            switch (output.Target)
            {
                case "stdout":
                    await host.Out.WriteAsync(output.Text ?? System.Text.Encoding.UTF8.GetString(output.Bytes!)).ConfigureAwait(false);
                    break;
                case "stderr":
                    await host.Error.WriteAsync(output.Text ?? System.Text.Encoding.UTF8.GetString(output.Bytes!)).ConfigureAwait(false);
                    break;
                default:
                    written &= await OutputFile.WriteAsync(host, output.Target, output.Text, output.Bytes).ConfigureAwait(false);
                    break;
            }
        }

        // Stampede's truth rule holds for k6 scripts too: a test that dropped arrivals says so beside its figures.
        if (DroppedArrivalsNotice.For(result) is { } drops)
        {
            host.Error.WriteLine($"warning: {drops.Headline} {DroppedArrivalsNotice.Explanation}");
        }

        foreach (var warning in HarnessWarnings.Warnings(result))
        {
            host.Error.WriteLine($"warning: {warning}");
        }

        return written;
    }
}
