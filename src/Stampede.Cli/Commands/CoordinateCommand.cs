using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using Stampede.Cli.Coordination;
using Stampede.Cli.Dashboard;
using Stampede.Cli.Hosting;
using Stampede.Cli.Outputs;
using Stampede.K6;
using Stampede.Metrics;
using Stampede.Outputs;
using Stampede.Plans;

namespace Stampede.Cli.Commands;

/// <summary>
/// <c>stampede coordinate plan.yaml --workers N</c>: serves a plan to N workers (<c>stampede worker</c>), each given
/// one segment of an evenly split sequence, starts them together, shows their merged progress, and merges their
/// results into the whole run's, as <c>stampede merge</c> does. A share whose worker never hands in its result is
/// named and marked lost in the result, never dropped silently.
/// </summary>
internal static class CoordinateCommand
{
    /// <summary>How far ahead of the last join the start is set: time for every worker to hear of it and load its plan.</summary>
    private static readonly TimeSpan StartDelay = TimeSpan.FromSeconds(2);

    /// <summary>What starts the line of <c>--result-log</c>: a line of its own among the progress, found by this alone.</summary>
    public const string ResultLogPrefix = "stampede-result: ";

    public static Command Create(IConsoleHost host)
    {
        var planFile = new Argument<string>("plan") { Description = "The test plan file (YAML) or k6 script (.js) the workers run." };
        var workers = new Option<int>("--workers", "-w") { Description = "How many workers share the run; each runs 1/N of it.", Required = true };
        var listen = new Option<string>("--listen") { Description = "The address to listen on (default 127.0.0.1: this machine only; 0.0.0.0 for workers on other machines).", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port", "-p") { Description = "The port to listen on (0: any free port, printed).", DefaultValueFactory = _ => 6565 };
        var token = new Option<string?>("--token") { Description = "The token every worker must send (default: a random one, printed)." };
        var joinTimeout = new Option<string>("--join-timeout") { Description = "How long to wait for every worker to join.", DefaultValueFactory = _ => "1m" };
        var lostAfter = new Option<string>("--lost-after") { Description = "How long a running worker may stay silent before its share is counted lost.", DefaultValueFactory = _ => "30s" };
        var env = new Option<string[]>("--env", "-e") { Description = "An environment variable for the plan, KEY=VALUE, handed to every worker. Repeatable." };
        var outs = new Option<string[]>("--out", "-o") { Description = "Write the merged result, KIND=FILE: json, html, markdown, junit, csv, summary. Repeatable." };
        var noSummary = new Option<bool>("--no-summary") { Description = "Do not print the merged summary." };
        var history = new RunOptions();
        var resultLog = new Option<bool>("--result-log") { Description = $"Also print the merged result on standard output, as one line '{ResultLogPrefix}JSON' (how stampede k8s run takes it from the coordinator's log)." };
        var command = new Command("coordinate", "Coordinate a run split across workers (stampede worker): hand each a segment, start them together, merge their results.")
        {
            planFile, workers, listen, port, token, joinTimeout, lostAfter, env, outs, noSummary, resultLog, history.Store, history.NoHistory, history.Baseline, history.Regressions,
            history.Dashboard, history.DashboardToken, history.DashboardLinger,
        };
        command.SetAction(async (parse, _) =>
        {
            var errors = new List<PlanError>();
            var count = parse.GetValue(workers);
            if (count is < 1 or > 1000)
            {
                errors.Add(new PlanError("--workers", $"expected 1 to 1,000 workers, got {count}"));
            }

            var listenPort = parse.GetValue(port);
            if (listenPort is < 0 or > 65535)
            {
                errors.Add(new PlanError("--port", $"expected a port from 0 to 65535, got {listenPort}"));
            }

            var address = parse.GetValue(listen)!;
            if (!System.Net.IPAddress.TryParse(address, out var listenIp) && address != "localhost")
            {
                errors.Add(new PlanError("--listen", $"'{address}' is not an IP address to listen on (expected e.g. 127.0.0.1, 0.0.0.0 or ::)"));
            }

            var join = ReadDuration(parse.GetValue(joinTimeout)!, "--join-timeout", errors);
            var lost = ReadDuration(parse.GetValue(lostAfter)!, "--lost-after", errors);
            var writers = new List<(string Spec, IOutput Output)>();
            foreach (var spec in parse.GetValue(outs) ?? [])
            {
                if (SegmentMerge.ReportWriter(spec, json: true, errors) is { } writer)
                {
                    writers.Add((spec, writer));
                }
            }

            // The fleet's dashboard takes the options a single run's does, read and checked the same way.
            var dashboardSettings = new RunSettings
            {
                Dashboard = parse.GetResult(history.Dashboard) is null ? null : parse.GetValue(history.Dashboard) ?? "",
                DashboardToken = parse.GetValue(history.DashboardToken),
                DashboardLinger = parse.GetValue(history.DashboardLinger),
            };
            var (dashboardAddress, linger) = LiveDashboard.ReadOptions(dashboardSettings, errors);
            var file = parse.GetValue(planFile)!;
            var envValues = parse.GetValue(env) ?? [];
            string? text = null;
            IReadOnlyList<ThresholdPlan> thresholds = [];
            IReadOnlyList<BundledFile>? files = null;
            var (hasSetup, hasTeardown) = (false, false);
            if (errors.Count == 0)
            {
                (text, thresholds, hasSetup, hasTeardown) = Check(file, envValues, host, errors);
                files = PlanBundle.Collect(file, errors);
            }

            if (errors.Count > 0 || text is null)
            {
                ErrorReport.Write(host.Error, errors);
                return ExitCodes.BadInput;
            }

            // The merged run is stored as one run of the plan, as stampede run stores its own.
            var historySettings = new RunSettings
            {
                Store = parse.GetValue(history.Store),
                NoHistory = parse.GetValue(history.NoHistory),
                Baseline = parse.GetValue(history.Baseline),
                Regressions = parse.GetValue(history.Regressions),
            };
            var historyHook = RunHistoryHook.Create(host, historySettings, errors);
            if (errors.Count > 0)
            {
                ErrorReport.Write(host.Error, errors);
                return ExitCodes.BadInput;
            }

            var secret = parse.GetValue(token) is { Length: > 0 } given ? given : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            // Setup and teardown run once, on the first worker to join, which hands setup's data to the others.
            var run = new CoordinatedRun(new CoordinatedPlan(Path.GetFileName(file), text, envValues, files ?? [], thresholds, hasSetup, hasTeardown), count, host.Time, join, lost, StartDelay);
            CoordinatorServer server;
            try
            {
                server = await CoordinatorServer.StartAsync(run, secret, address, listenPort).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or InvalidOperationException or FormatException or UriFormatException)
            {
                // A taken port is this machine's state, not bad input: exit 1, as when the demo target cannot start.
                host.Error.WriteLine($"error: cannot listen on {address}:{listenPort}: {exception.Message}");
                return ExitCodes.Failure;
            }

            await using var listening = server.ConfigureAwait(false);
            var url = server.Address.ToString().TrimEnd('/');
            host.Error.WriteLine($"coordinating {Path.GetFileName(file)}: listening on {url}, waiting for {count} worker(s) (for up to {Duration.Format(join)}); segments {run.Sequence}");
            host.Error.WriteLine($"start each worker with: stampede worker --coordinator {url} --token {secret}");
            await using var dashboard = dashboardSettings.Dashboard is null ? null
                : await FleetDashboard.StartAsync(host, dashboardSettings, dashboardAddress!, linger, run, Path.GetFileName(file), thresholds).ConfigureAwait(false);
            if (dashboardSettings.Dashboard is not null && dashboard is null)
            {
                return ExitCodes.Failure;
            }

            return await CoordinateAsync(host, run, writers, parse.GetValue(noSummary), parse.GetValue(resultLog), (file, historyHook), dashboard).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> CoordinateAsync(IConsoleHost host, CoordinatedRun run, List<(string Spec, IOutput Output)> writers, bool noSummary, bool resultLog, (string Plan, RunHistoryHook Hook) history, FleetDashboard? dashboard)
    {
        using var interrupted = new CancellationTokenSource();
        using var signal = host.OnStopSignal(reason =>
        {
            host.Error.WriteLine($"\nstopping: {reason}; workers still running are counted lost");
            interrupted.Cancel();
        });
        var announced = false;
        var lastLine = "";
        while (!run.Finished && !interrupted.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), host.Time, interrupted.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            foreach (var change in run.Check())
            {
                host.Error.WriteLine(change);
            }

            if (run.Error is { } error)
            {
                // Workers waiting for the start hear of it when they poll next: give them a moment to.
                await Task.Delay(TimeSpan.FromSeconds(1), host.Time, CancellationToken.None).ConfigureAwait(false);
                host.Error.WriteLine($"error: {error}; nothing ran");
                return ExitCodes.Failure;
            }

            if (run.StartAt is not { } startAt)
            {
                continue;
            }

            if (!announced)
            {
                announced = true;
                host.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"all {run.Expected} workers joined; starting at {startAt.UtcDateTime:HH:mm:ss.fff} UTC"));
            }

            var elapsed = host.Time.GetUtcNow() - startAt;
            if (elapsed >= TimeSpan.Zero)
            {
                dashboard?.OnSecond(startAt);
                var (joined, reported, total) = run.Totals();
                var line = FormattableString.Invariant(
                    $"[{Duration.Format(TimeSpan.FromSeconds(Math.Round(elapsed.TotalSeconds)))}] workers={joined - reported} running, {reported} done vus={total.Vus} iterations={total.Iterations} requests={total.Requests} errors={total.Errors}");
                if (line != lastLine)
                {
                    host.Error.WriteLine(line);
                    lastLine = line;
                }
            }
        }

        if (run.StartAt is null)
        {
            host.Error.WriteLine("error: stopped before every worker joined; nothing ran");
            return ExitCodes.Failure;
        }

        run.Abandon("the coordinator was stopped before it sent its result");
        return await EndAsync(host, run, writers, noSummary, resultLog, history, dashboard, interrupted.Token).ConfigureAwait(false);
    }

    /// <summary>Merges what the workers handed in, marks what is missing, writes the outputs and decides the exit code.</summary>
    private static async Task<int> EndAsync(IConsoleHost host, CoordinatedRun run, List<(string Spec, IOutput Output)> writers, bool noSummary, bool resultLog, (string Plan, RunHistoryHook Hook) history, FleetDashboard? dashboard, CancellationToken leave)
    {
        var outcomes = run.Outcomes();
        var parts = outcomes.Where(o => o.Result is not null).Select(o => (Name: $"{o.Name} ({o.Segment})", Result: o.Result!)).ToList();
        var missing = outcomes.Where(o => o.Result is null).ToList();
        foreach (var (name, segment, _, reason) in missing)
        {
            host.Error.WriteLine($"error: worker {name} ({segment}) lost ({reason}): its share is missing from the merged result");
        }

        if (parts.Count == 0)
        {
            host.Error.WriteLine("error: no worker handed in a result; nothing to merge");
            return ExitCodes.Failure;
        }

        var (merged, errors, _) = SegmentMerge.Merge(parts);
        if (merged is null)
        {
            ErrorReport.Write(host.Error, errors);
            return ExitCodes.Failure;
        }

        if (missing.Count > 0)
        {
            var lost = missing.Select(m => new SegmentPart { Segment = m.Segment, Host = m.Name, StopReason = $"lost: {m.Lost}", Lost = true });
            var reasons = missing.Select(m => $"worker {m.Name} ({m.Segment}) lost: {m.Lost}");
            merged = merged with
            {
                Meta = merged.Meta with
                {
                    Segments = [.. (merged.Meta.Segments ?? []).Concat(lost).OrderBy(s => ExecutionSegment.Parse(s.Segment).From)],
                    StopReason = string.Join("; ", new[] { merged.Meta.StopReason }.OfType<string>().Concat(reasons)),
                },
            };
        }

        // The workers left abortOnFail to the coordinator, which judged it on their totals together.
        var judgements = run.AbortJudgements();
        if (judgements.Count > 0)
        {
            merged = merged with
            {
                Thresholds = [.. merged.Thresholds.Select(t => judgements.Where(j => j.Plan.Selector == t.Metric && j.Plan.Expression == t.Expression).Select(j => (Judged: true, j.Aborted, j.FirstFailedAt)).FirstOrDefault() is { Judged: true } j
                    ? t with { AbortOnFail = true, Aborted = j.Aborted, FirstFailedAt = j.FirstFailedAt ?? t.FirstFailedAt }
                    : t)],
            };
        }

        // A stop from the fleet's dashboard is noted in the merged result, as a single run notes its own.
        if (dashboard?.Events is { Count: > 0 } actions)
        {
            merged = merged with { Annotations = [.. merged.Annotations.Concat(actions).OrderBy(a => a.At)] };
        }

        var failures = new List<string>();
        foreach (var (spec, writer) in writers)
        {
            await new GuardedOutput(writer, spec, failures).EndAsync(merged, CancellationToken.None).ConfigureAwait(false);
        }

        if (dashboard is not null)
        {
            var report = writers.Select(w => w.Spec).Where(o => o.StartsWith("html=", StringComparison.Ordinal))
                .Select(o => Path.GetFullPath(OutputPath.Resolve(o["html=".Length..], merged))).FirstOrDefault(File.Exists);
            await dashboard.FinishAsync(host, merged, report, leave).ConfigureAwait(false);
        }

        if (!noSummary)
        {
            await host.Out.WriteAsync(new ConsoleSummary(host.ColorAllowed).Render(merged)).ConfigureAwait(false);
        }

        if (resultLog)
        {
            host.Out.WriteLine(ResultLogPrefix + RunResultJson.Serialize(merged));
        }

        host.Out.WriteLine($"merged {parts.Count} of {run.Expected} workers' results ({string.Join(", ", parts.Select(p => p.Name))})");
        foreach (var failure in failures)
        {
            host.Error.WriteLine($"error: {failure}");
        }

        var exitCode = !merged.Passed ? ExitCodes.ThresholdsFailed
            : missing.Count > 0 || failures.Count > 0 || merged.Meta.StopReason is not null ? ExitCodes.Failure
            : ExitCodes.Ok;

        // The workers ran a copy in a folder of their own; the history keeps the coordinator's plan text.
        merged = merged with { Meta = merged.Meta with { Source = history.Plan } };
        return await history.Hook.AfterRunAsync(merged, exitCode, []).ConfigureAwait(false);
    }

    /// <summary>
    /// Loads the plan here first, so a bad plan is refused (exit 2) before any worker joins; returns its text and its
    /// thresholds, whose <c>abortOnFail</c> ones the coordinator judges.
    /// </summary>
    private static (string? Text, IReadOnlyList<ThresholdPlan> Thresholds, bool HasSetup, bool HasTeardown) Check(string file, IReadOnlyList<string> env, IConsoleHost host, List<PlanError> errors)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            errors.Add(new PlanError("", $"cannot read the plan: {exception.Message}", new SourceLocation(file)));
            return (null, [], false, false);
        }

        var settings = new RunSettings { Env = env };
        if (K6ScriptRun.IsScript(file))
        {
            using var script = K6ScriptLoader.Load(file, new K6LoadOptions { Env = HostEnvironment.From(host, env) });
            errors.AddRange(script.Errors);
            return (text, script.Plan?.Thresholds ?? [], HasSetup(script.Plan), HasTeardown(script.Plan));
        }

        var load = PlanFile.Load(file, settings, host);
        errors.AddRange(load.Errors);
        if (load.Plan is { } plan)
        {
            errors.AddRange(plan.Validate());
        }

        return (text, load.Plan?.Thresholds ?? [], HasSetup(load.Plan), HasTeardown(load.Plan));
    }

    // Setup runs once for all only when the front end can write its data down for the others; otherwise every worker
    // runs setup and teardown for its share, as with --segment.
    private static bool HandsOnSetupData(TestPlan plan) => plan.WriteSetupData is not null && plan.ReadSetupData is not null;

    private static bool HasSetup(TestPlan? plan) => plan?.Setup is not null && HandsOnSetupData(plan);

    private static bool HasTeardown(TestPlan? plan) => plan?.Teardown is not null && HandsOnSetupData(plan);

    private static TimeSpan ReadDuration(string text, string option, List<PlanError> errors)
    {
        if (Duration.TryParse(text, out var value, out var error) && value > TimeSpan.Zero)
        {
            return value;
        }

        errors.Add(new PlanError(option, error ?? $"expected a duration above zero, e.g. 30s, got '{text}'"));
        return TimeSpan.Zero;
    }
}
