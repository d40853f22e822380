using System.CommandLine;
using Stampede.Cli.Hosting;

namespace Stampede.Cli.Commands;

/// <summary><c>stampede validate plan.yaml</c>: loads and checks a plan without running it (exit 0 valid, 2 invalid).</summary>
internal static class ValidateCommand
{
    public static Command Create(IConsoleHost host)
    {
        var planFile = new Argument<string>("plan") { Description = "The YAML plan file to check." };
        var env = new Option<string[]>("--env", "-e") { Description = "An environment variable for the plan, KEY=VALUE. Repeatable." };
        var profile = new Option<string?>("--profile") { Description = "Check with this load profile instead of the plan's." };
        var command = new Command("validate", "Check a plan file without running it: every problem with its line and column.") { planFile, env, profile };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(planFile)!;
            var settings = new RunSettings { Env = parse.GetValue(env) ?? [], Profile = parse.GetValue(profile) };
            var load = PlanFile.Load(file, settings, host);
            if (!load.Succeeded)
            {
                foreach (var problem in load.Errors)
                {
                    host.Error.WriteLine($"error: {problem}");
                }

                host.Error.WriteLine($"{file}: {(load.Errors.Count == 1 ? "1 problem" : $"{load.Errors.Count} problems")}");
                return ExitCodes.BadInput;
            }

            ErrorReport.WriteWarnings(host.Error, load.Warnings);
            var plan = load.Plan!;
            var warnings = load.Warnings.Count switch { 0 => "", 1 => ", 1 warning", var n => $", {n} warnings" };
            var scenarios = plan.Scenarios.Count == 1 ? "1 scenario" : $"{plan.Scenarios.Count} scenarios";
            var thresholds = plan.Thresholds.Count == 1 ? "1 threshold" : $"{plan.Thresholds.Count} thresholds";
            var shape = load.Profile is null ? "" : $", profile {load.Profile.Name}";
            var longest = plan.Scenarios.Max(s => s.StartTime + s.Executor.ScheduledDuration);
            host.Out.WriteLine($"{file}: valid ({scenarios}, {thresholds}{shape}, up to {plan.Scenarios.Sum(s => s.Executor.PeakVus)} VUs, {Plans.Duration.Format(longest)}{warnings})");
            return ExitCodes.Ok;
        });
        return command;
    }
}
