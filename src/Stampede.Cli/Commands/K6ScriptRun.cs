using Stampede.Cli.Hosting;
using Stampede.K6;

namespace Stampede.Cli.Commands;

/// <summary>
/// <c>stampede run script.js</c>: a k6 script on Stampede's engine, with k6's exit codes (107 when the script throws
/// outside an iteration, 108 on <c>test.abort()</c>) and its summary export.
/// </summary>
internal static class K6ScriptRun
{
    public static bool IsScript(string file) =>
        file.EndsWith(".js", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".mjs", StringComparison.OrdinalIgnoreCase);

    public static async Task<int> RunAsync(IConsoleHost host, string file, RunSettings settings, string? summaryExport)
    {
        if (summaryExport is not null)
        {
            ErrorReport.Write(host.Error, [new Stampede.Plans.PlanError("--summary-export", "k6's summary export is not available yet; use --out json=FILE for the full result (see docs/k6-compatibility.md)")]);
            return ExitCodes.BadInput;
        }

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

        var outcome = await new PlanRunner(host, userCode: false).RunAsync(load.Plan!, settings).ConfigureAwait(false);
        if (outcome.Result is { } result)
        {
            var stop = result.Meta.StopReason;
            if (stop is not null && stop.StartsWith(K6.Modules.ExecutionModule.AbortReason, StringComparison.Ordinal))
            {
                return ExitCodes.ScriptAborted;
            }

            if (stop is not null && stop.StartsWith(Execution.Engine.SetupFailedReason, StringComparison.Ordinal))
            {
                return ExitCodes.ScriptException;
            }
        }

        return outcome.ExitCode;
    }
}
