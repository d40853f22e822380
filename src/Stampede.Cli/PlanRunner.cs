using Spectre.Console;
using Stampede.Cli.Dashboard;
using Stampede.Cli.Hosting;
using Stampede.Cli.Outputs;
using Stampede.Execution;
using Stampede.Metrics;
using Stampede.Outputs;
using Stampede.Plans;

namespace Stampede.Cli;

/// <summary>
/// Runs a plan for the command line: applies the options, wires Ctrl-C/SIGTERM (first: graceful stop; second:
/// stop now), shows live progress, prints the summary, writes the outputs and decides the exit code.
/// </summary>
/// <param name="host">The process boundary.</param>
/// <param name="userCode">True for a C# plan, whose iterations may block.</param>
/// <param name="control">Stops the run from outside as well as by signals (a coordinated worker's coordinator gone); null: the run's own.</param>
/// <param name="lifecycle">Where setup and teardown run when the run is one worker's share of a coordinated run; null: here.</param>
internal sealed class PlanRunner(IConsoleHost host, bool userCode = false, RunControl? control = null, IRunLifecycle? lifecycle = null)
{
    /// <param name="plan">The plan.</param>
    /// <param name="settings">Command-line settings.</param>
    /// <param name="extraOutputs">Outputs besides those the settings ask for.</param>
    /// <param name="notes">Figures to add to the result's <c>meta.notes</c> before any output sees it (e.g. a breakpoint's rate).</param>
    /// <param name="summary">Prints the end-of-test summary instead of Stampede's (a k6 script's); told whether colours are on.</param>
    /// <param name="served">A dashboard already serving (<c>stampede ui</c>'s, on this runner's control), which the caller disposes; null: the settings say whether to serve one.</param>
    public async Task<RunOutcome> RunAsync(
        TestPlan plan,
        RunSettings settings,
        IEnumerable<IOutput>? extraOutputs = null,
        Func<RunResult, IReadOnlyDictionary<string, double>>? notes = null,
        Func<RunResult, bool, Task>? summary = null,
        LiveDashboard? served = null)
    {
        var errors = new List<PlanError>();
        plan = PlanOverrides.Apply(plan, settings, errors);
        var failures = new List<string>();
        var outputs = new List<IOutput>();
        foreach (var spec in settings.Outputs)
        {
            if (OutputFactory.Create(spec, errors) is { } output)
            {
                outputs.Add(new GuardedOutput(output, spec, failures));
            }
        }

        outputs.AddRange((extraOutputs ?? []).Select(o => new GuardedOutput(o, o.GetType().Name, failures)));
        var history = RunHistoryHook.Create(host, settings, errors);
        var (segment, sequence) = ReadSegment(settings, errors);
        var (dashboardAddress, linger) = LiveDashboard.ReadOptions(settings, errors);
        if (errors.Count == 0)
        {
            errors.AddRange(plan.Validate());
        }

        if (errors.Count > 0)
        {
            ErrorReport.Write(host.Error, errors);
            return new RunOutcome(null, ExitCodes.BadInput);
        }

        ErrorReport.WriteWarnings(host.Error, plan.Warnings());

        var color = host.ColorAllowed && !settings.NoColor;
        if (!settings.Quiet)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(host.Out),
                Ansi = host.IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
                ColorSystem = color ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
                Interactive = host.IsTerminal ? InteractionSupport.Detect : InteractionSupport.No,
            });
            outputs.Insert(0, new GuardedOutput(new LiveProgress(console, host.Out, host.IsTerminal, TimeSpan.FromSeconds(5)), "progress", failures));
        }

        var runControl = control ?? new RunControl { LiveLoad = settings.Dashboard is not null };
        var signals = 0;
        using var leave = new CancellationTokenSource();
        using var registration = host.OnStopSignal(signal =>
        {
            leave.Cancel();
            if (Interlocked.Increment(ref signals) == 1)
            {
                host.Error.WriteLine($"\nstopping: {signal}; letting running iterations finish (press Ctrl-C again to stop now)");
                runControl.RequestStop(signal);
            }
            else
            {
                host.Error.WriteLine("\nstopping now");
                runControl.RequestHardStop(signal);
            }
        });

        await using var started = served is not null || settings.Dashboard is null ? null
            : await LiveDashboard.StartAsync(host, settings, dashboardAddress!, linger, runControl, plan.Name).ConfigureAwait(false);
        var dashboard = served ?? started;
        if (settings.Dashboard is not null && dashboard is null)
        {
            return new RunOutcome(null, ExitCodes.Failure);
        }

        if (dashboard is not null)
        {
            outputs.Add(new GuardedOutput(dashboard.Output, "dashboard", failures));
        }

        var engine = new Engine(new EngineOptions
        {
            Time = host.Time,
            Outputs = notes is null ? outputs : [.. outputs.Select(o => new NotedOutput(o, notes))],
            Control = runControl,
            Host = host.MachineName,
            Segment = segment,
            SegmentSequence = sequence,
            Lifecycle = lifecycle,

            // The CLI's own plans (YAML flows, URL tests, the showcase) never block, so iterations may start on the
            // scheduler's thread and continue on the socket loop's. A C# plan's code might block: it keeps the thread pool.
            StartArrivalsInline = !userCode,
            SocketEventLoop = !userCode,
        });
        var result = await engine.RunAsync(plan).ConfigureAwait(false);
        result = notes is null ? result : NotedOutput.Annotate(result, notes);
        if (dashboard is not null)
        {
            await dashboard.FinishAsync(host, result, ReportFile(settings, result), leave.Token).ConfigureAwait(false);
        }
        if (!settings.NoSummary)
        {
            if (summary is not null)
            {
                await summary(result, color).ConfigureAwait(false);
            }
            else
            {
                await host.Out.WriteAsync(new ConsoleSummary(color).Render(result)).ConfigureAwait(false);
            }
        }

        foreach (var failure in failures)
        {
            host.Error.WriteLine($"error: {failure}");
        }

        var exitCode = !result.Passed ? ExitCodes.ThresholdsFailed
            : result.Meta.StopReason is not null || failures.Count > 0 ? ExitCodes.Failure
            : ExitCodes.Ok;
        exitCode = await history.AfterRunAsync(result, exitCode, plan.Redact).ConfigureAwait(false);
        return new RunOutcome(result, exitCode);
    }

    /// <summary>The HTML report the run wrote, for the dashboard to link; null when it wrote none.</summary>
    private static string? ReportFile(RunSettings settings, RunResult result) =>
        settings.Outputs.Where(o => o.StartsWith("html=", StringComparison.Ordinal)).Select(o => Path.GetFullPath(OutputPath.Resolve(o["html=".Length..], result))).FirstOrDefault(File.Exists);

    /// <summary>The segment options, read and checked against each other before anything runs.</summary>
    private static (ExecutionSegment? Segment, ExecutionSegmentSequence? Sequence) ReadSegment(RunSettings settings, List<PlanError> errors)
    {
        ExecutionSegment? segment = null;
        ExecutionSegmentSequence? sequence = null;
        if (settings.Segment is { } segmentText && !ExecutionSegment.TryParse(segmentText, out segment, out var segmentError))
        {
            errors.Add(new PlanError("--segment", segmentError));
        }

        if (settings.SegmentSequence is { } sequenceText && !ExecutionSegmentSequence.TryParse(sequenceText, out sequence, out var sequenceError))
        {
            errors.Add(new PlanError("--segment-sequence", sequenceError));
        }

        if (sequence is not null && segment is null && settings.Segment is null)
        {
            errors.Add(new PlanError("--segment-sequence", "names how the load is cut, not which part to run: give --segment too (one of the sequence's segments)"));
        }
        else if (segment is not null)
        {
            errors.AddRange(ExecutionSegmentSequence.Check(segment, sequence));
        }

        return (segment, sequence);
    }
}
