using System.CommandLine;
using System.Globalization;
using Stampede.Cli.Capacity;
using Stampede.Cli.Hosting;
using Stampede.Plans;

namespace Stampede.Cli.Commands;

/// <summary>
/// <c>stampede plan-capacity plan.yaml --target-vus 5000</c>: runs the plan briefly at a few VUs against its target,
/// measures what a VU costs this machine (CPU per VU-second, memory per VU) and prints the workers, cores and memory
/// the target VUs need, with the Kubernetes requests <c>stampede k8s render</c> would give each worker.
/// </summary>
internal static class PlanCapacityCommand
{
    public static Command Create(IConsoleHost host) => Create(host, new SelfProcessProbe());

    /// <param name="host">The process boundary.</param>
    /// <param name="probe">Reads the process's usage during the calibration run (a fake one in tests).</param>
    internal static Command Create(IConsoleHost host, IProcessProbe probe)
    {
        var planFile = new Argument<string>("plan") { Description = "The test plan file (YAML) or k6 script (.js) to size." };
        var targetVus = new Option<int>("--target-vus") { Description = "The VUs to plan for.", Required = true };
        var calibrateVus = new Option<int>("--calibrate-vus") { Description = "VUs of the calibration run on this machine.", DefaultValueFactory = _ => 10 };
        var calibrateFor = new Option<string>("--calibrate-for") { Description = "How long the calibration run lasts (at least 3s).", DefaultValueFactory = _ => "5s" };
        var headroom = new Option<double>("--headroom") { Description = "The factor every measured cost is multiplied by (at least 1).", DefaultValueFactory = _ => 1.5 };
        var vuCap = new Option<int>("--vus-per-worker") { Description = "The most VUs one worker is given, whatever its CPU allows.", DefaultValueFactory = _ => 5000 };
        var cores = new Option<double>("--cores-per-worker") { Description = "The cores each worker may use (a k8s worker requests 1).", DefaultValueFactory = _ => 1 };
        var env = new Option<string[]>("--env", "-e") { Description = "An environment variable for the plan, KEY=VALUE. Repeatable." };
        var command = new Command("plan-capacity", "Measure what a VU of a plan costs on this machine and print the workers, CPU and memory a number of VUs needs.")
        {
            planFile, targetVus, calibrateVus, calibrateFor, headroom, vuCap, cores, env,
        };
        command.SetAction(async (parse, _) =>
        {
            var errors = new List<PlanError>();
            var target = parse.GetValue(targetVus);
            Require(target is >= 1 and <= 10_000_000, "--target-vus", $"expected 1 to 10,000,000 VUs, got {target}", errors);
            var vus = parse.GetValue(calibrateVus);
            Require(vus is >= 1 and <= 1000, "--calibrate-vus", $"expected 1 to 1,000 VUs, got {vus}", errors);
            var lasting = parse.GetValue(calibrateFor)!;
            var valid = Duration.TryParse(lasting, out var duration, out var durationError);
            Require(valid && duration >= TimeSpan.FromSeconds(3) && duration <= TimeSpan.FromMinutes(5), "--calibrate-for",
                durationError ?? $"expected 3s to 5m, got '{lasting}'", errors);
            var factor = parse.GetValue(headroom);
            Require(factor is >= 1 and <= 100, "--headroom", string.Create(CultureInfo.InvariantCulture, $"expected a factor from 1 to 100, got {factor}"), errors);
            var cap = parse.GetValue(vuCap);
            Require(cap is >= 1 and <= 1_000_000, "--vus-per-worker", $"expected 1 to 1,000,000 VUs, got {cap}", errors);
            var perWorker = parse.GetValue(cores);
            Require(perWorker is > 0 and <= 1024, "--cores-per-worker", string.Create(CultureInfo.InvariantCulture, $"expected more than 0 and at most 1,024 cores, got {perWorker}"), errors);
            if (errors.Count > 0)
            {
                ErrorReport.Write(host.Error, errors);
                return ExitCodes.BadInput;
            }

            var file = parse.GetValue(planFile)!;
            var script = K6ScriptRun.IsScript(file);
            var settings = new RunSettings
            {
                Env = parse.GetValue(env) ?? [],
                Vus = vus,
                Duration = lasting,
                Quiet = true,
                NoSummary = true,
                NoHistory = true,

                // A calibration measures; it must not stop on the plan's own verdicts.
                AbortsJudgedElsewhere = true,
            };
            host.Error.WriteLine($"calibrating {Path.GetFileName(file)}: {vus} VU(s) for {Duration.Format(duration)} against its target");
            var calibrationProbe = new CalibrationProbe(probe);
            int exitCode;
            if (script)
            {
                exitCode = await K6ScriptRun.RunAsync(host, file, settings, null, [calibrationProbe]).ConfigureAwait(false);
            }
            else
            {
                var load = PlanFile.Load(file, settings, host);
                if (!load.Succeeded)
                {
                    ErrorReport.Write(host.Error, load.Errors);
                    return ExitCodes.BadInput;
                }

                exitCode = (await new PlanRunner(host).RunAsync(load.Plan!, settings, [calibrationProbe]).ConfigureAwait(false)).ExitCode;
            }

            if (exitCode == ExitCodes.BadInput)
            {
                return exitCode;
            }

            if (calibrationProbe.Measure() is not { } calibration)
            {
                host.Error.WriteLine("error: the calibration run ended before two seconds with VUs could be measured; nothing to plan from");
                return ExitCodes.Failure;
            }

            var plan = CapacityPlan.From(calibration, target, factor, cap, perWorker, script);
            await host.Out.WriteAsync(CapacityReport.Render(Path.GetFileName(file), calibration, plan)).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Require(bool condition, string option, string message, List<PlanError> errors)
    {
        if (!condition)
        {
            errors.Add(new PlanError(option, message));
        }
    }
}
