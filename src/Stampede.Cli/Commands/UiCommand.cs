using System.CommandLine;
using System.Globalization;
using Stampede.Cli.Dashboard;
using Stampede.Cli.Hosting;
using Stampede.Execution;
using Stampede.Outputs.Dashboard;
using Stampede.Plans;

namespace Stampede.Cli.Commands;

/// <summary>
/// <c>stampede ui plan.yaml</c>: serves the dashboard before the run, as Locust's web UI does. The page's form sets
/// VUs, rate and duration; Start runs the plan exactly as <c>stampede run plan.yaml --dashboard</c> with those
/// values as <c>--vus</c>, <c>--rate</c> and <c>--duration</c>, and the page goes on as the run's live dashboard.
/// </summary>
internal static class UiCommand
{
    /// <summary>How long the page waits for Start unless <c>--ui-timeout</c> says otherwise.</summary>
    public const string DefaultTimeout = "30m";

    public static Command Create(IConsoleHost host)
    {
        var options = new RunOptions();
        var planFile = new Argument<string>("plan") { Description = "A test plan file (YAML)." };
        var timeout = new Option<string>("--ui-timeout") { Description = $"Give up (exit 1) when nobody presses Start within this long (default {DefaultTimeout}).", DefaultValueFactory = _ => DefaultTimeout };
        var command = new Command("ui", "Open the dashboard before the run: set VUs, rate and duration on the page and press Start (like Locust's web UI).") { planFile, timeout };
        options.AddTo(command);
        command.SetAction(async (parse, _) =>
        {
            // ui always serves the page; --dashboard only says where.
            var settings = options.Read(parse);
            settings = settings with { Dashboard = settings.Dashboard ?? "" };
            var file = parse.GetValue(planFile)!;
            var errors = new List<PlanError>();
            if (K6ScriptRun.IsScript(file))
            {
                errors.Add(new PlanError("ui", $"'{file}' is a k6 script; stampede ui runs YAML plans (a script's load is its options: run it with stampede run {file} --dashboard)"));
            }

            var timeoutText = parse.GetValue(timeout)!;
            if (!Duration.TryParse(timeoutText, out var wait, out var timeoutError) || wait <= TimeSpan.Zero)
            {
                errors.Add(new PlanError("--ui-timeout", timeoutError ?? $"'{timeoutText}' must be a duration above zero (e.g. 30m)"));
            }

            var (address, linger) = LiveDashboard.ReadOptions(settings, errors);
            if (errors.Count > 0)
            {
                ErrorReport.Write(host.Error, errors);
                return ExitCodes.BadInput;
            }

            // The plan is read (and checked, with the command line's load) before the page is served: a broken file
            // fails here with its location, not after someone pressed Start.
            var load = PlanFile.Load(file, settings, host);
            if (!load.Succeeded)
            {
                ErrorReport.Write(host.Error, load.Errors);
                return ExitCodes.BadInput;
            }

            var control = new RunControl { LiveLoad = true };
            var form = new DashboardStartForm(settings.Vus, settings.Rate, settings.Duration, wait.TotalSeconds);
            await using var dashboard = await LiveDashboard.StartAsync(host, settings, address!, linger, control, load.Plan!.Name, form).ConfigureAwait(false);
            if (dashboard is null)
            {
                return ExitCodes.Failure;
            }

            dashboard.Controls.CheckStart = request => Problems(file, StartSettings(settings, request), host);
            host.Error.WriteLine($"ui: set the load on the page and press Start (waiting up to {Duration.Format(wait)})");
            if (await WaitForStartAsync(host, dashboard.Controls, wait).ConfigureAwait(false) is not { } start)
            {
                return ExitCodes.Failure;
            }

            var runSettings = StartSettings(settings, start);
            host.Error.WriteLine($"ui: Start pressed ({Describe(start)})");
            load = PlanFile.Load(file, runSettings, host);
            if (!load.Succeeded)
            {
                // The file changed between the check and the start.
                ErrorReport.Write(host.Error, load.Errors);
                return ExitCodes.BadInput;
            }

            return await RunCommand.RunLoadedAsync(host, load, runSettings, new PlanRunner(host, control: control), dashboard, summaryExport: null).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>The command line's settings with what the form said in place of --vus, --rate and --duration (an empty field keeps them).</summary>
    internal static RunSettings StartSettings(RunSettings settings, ControlRequest start) => settings with
    {
        Vus = start.Vus ?? settings.Vus,
        Rate = start.Rate ?? settings.Rate,
        Duration = string.IsNullOrWhiteSpace(start.Duration) ? settings.Duration : start.Duration.Trim(),
    };

    /// <summary>What the page hears when its Start would not run: every problem, as the command line would print them.</summary>
    private static string? Problems(string file, RunSettings settings, IConsoleHost host)
    {
        var errors = new List<PlanError>();
        if (settings.Vus is 0)
        {
            errors.Add(new PlanError("vus", "must be at least 1"));
        }

        if (settings.Rate is <= 0)
        {
            errors.Add(new PlanError("rate", "must be above 0"));
        }

        if (errors.Count == 0)
        {
            var load = PlanFile.Load(file, settings, host);
            errors.AddRange(load.Errors);
            if (load.Succeeded)
            {
                var plan = PlanOverrides.Apply(load.Plan!, PlanFile.ForProfile(settings, load), errors);
                if (errors.Count == 0)
                {
                    errors.AddRange(plan.Validate());
                }
            }
        }

        return errors.Count == 0 ? null : "not started: " + string.Join("; ", errors.Select(e => e.ToString()));
    }

    /// <summary>Start's form, or null when the wait ended without it (timeout, Ctrl-C), with the reason written.</summary>
    private static async Task<ControlRequest?> WaitForStartAsync(IConsoleHost host, DashboardControls controls, TimeSpan wait)
    {
        using var leave = new CancellationTokenSource();
        string? signalled = null;
        using (host.OnStopSignal(signal =>
        {
            signalled = signal;
            leave.Cancel();
        }))
        {
            var waited = Task.Delay(wait, host.Time, leave.Token);
            await Task.WhenAny(controls.Started, waited).ConfigureAwait(false);
        }

        // Start cannot win after this: a late press is told the command has ended rather than starting a run nobody waits for.
        if (!controls.GiveUpStart())
        {
            return await controls.Started.ConfigureAwait(false);
        }

        host.Error.WriteLine(signalled is not null
            ? $"ui: {signalled} before Start; nothing was run"
            : $"error: nobody pressed Start within {Duration.Format(wait)} (--ui-timeout); nothing was run");
        return null;
    }

    private static string Describe(ControlRequest start)
    {
        var parts = new List<string>();
        if (start.Vus is { } vus)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{vus} VUs"));
        }

        if (start.Rate is { } rate)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{rate:0.###}/s"));
        }

        if (!string.IsNullOrWhiteSpace(start.Duration))
        {
            parts.Add("for " + start.Duration.Trim());
        }

        return parts.Count == 0 ? "the plan's own load" : string.Join(", ", parts);
    }
}
