using System.CommandLine;
using Stampede.Cli.Hosting;

namespace Stampede.Cli.Commands;

/// <summary>
/// <c>stampede validate plan.yaml</c> (or <c>script.js</c>): loads and checks a plan without running it (exit 0 valid,
/// 2 invalid; 107 when a k6 script's init context throws, as <c>run</c> says).
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(IConsoleHost host)
    {
        var planFile = new Argument<string>("plan") { Description = "The YAML plan or k6 script to check." };
        var env = new Option<string[]>("--env", "-e") { Description = "An environment variable for the plan, KEY=VALUE. Repeatable." };
        var profile = new Option<string?>("--profile") { Description = "Check with this load profile instead of the plan's." };
        var command = new Command("validate", "Check a plan file without running it: every problem with its line and column.") { planFile, env, profile };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(planFile)!;
            var settings = new RunSettings { Env = parse.GetValue(env) ?? [], Profile = parse.GetValue(profile) };
            if (K6ScriptRun.IsScript(file))
            {
                // Loading a script runs its init context once, to read its options, as k6 does.
                using var script = K6.K6ScriptLoader.Load(file, new K6.K6LoadOptions
                {
                    Env = HostEnvironment.From(host, settings.Env),
                    Log = (level, message) => host.Error.WriteLine($"{level.ToUpperInvariant()}[console] {message}"),
                });
                var errors = script.Succeeded ? script.Plan!.Validate() : script.Errors;
                if (errors.Count > 0)
                {
                    return Problems(host, file, errors, errors.Any(e => e.Path == "init") ? ExitCodes.ScriptException : ExitCodes.BadInput);
                }

                host.Out.WriteLine(Valid(file, script.Plan!, null, 0));
                return ExitCodes.Ok;
            }

            var load = PlanFile.Load(file, settings, host);
            if (!load.Succeeded)
            {
                return Problems(host, file, load.Errors, ExitCodes.BadInput);
            }

            ErrorReport.WriteWarnings(host.Error, load.Warnings);
            host.Out.WriteLine(Valid(file, load.Plan!, load.Profile?.Name, load.Warnings.Count));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static int Problems(IConsoleHost host, string file, IReadOnlyList<Plans.PlanError> errors, int exitCode)
    {
        foreach (var problem in errors)
        {
            host.Error.WriteLine($"error: {problem}");
        }

        host.Error.WriteLine($"{file}: {(errors.Count == 1 ? "1 problem" : $"{errors.Count} problems")}");
        return exitCode;
    }

    private static string Valid(string file, Plans.TestPlan plan, string? profile, int warningCount)
    {
        var warnings = warningCount switch { 0 => "", 1 => ", 1 warning", var n => $", {n} warnings" };
        var scenarios = plan.Scenarios.Count == 1 ? "1 scenario" : $"{plan.Scenarios.Count} scenarios";
        var thresholds = plan.Thresholds.Count == 1 ? "1 threshold" : $"{plan.Thresholds.Count} thresholds";
        var shape = profile is null ? "" : $", profile {profile}";
        var longest = plan.Scenarios.Max(s => s.StartTime + s.Executor.ScheduledDuration);
        return $"{file}: valid ({scenarios}, {thresholds}{shape}, up to {plan.Scenarios.Sum(s => s.Executor.PeakVus)} VUs, {Plans.Duration.Format(longest)}{warnings})";
    }
}
