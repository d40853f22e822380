using System.CommandLine;
using System.Net;
using Stampede.Cli.Coordination;
using Stampede.Cli.Hosting;
using Stampede.Execution;
using Stampede.Metrics;
using Stampede.Outputs;
using Stampede.Plans;

namespace Stampede.Cli.Commands;

/// <summary>
/// <c>stampede worker --coordinator URL --token T</c>: joins a coordinated run, takes the plan and its segment from
/// the coordinator, starts when it says, runs its share on the normal engine, sends its totals each second and its
/// result at the end. When the coordinator stops answering it ends its share gracefully and keeps the result locally.
/// </summary>
internal static class WorkerCommand
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(250);

    public static Command Create(IConsoleHost host)
    {
        var coordinator = new Option<string>("--coordinator") { Description = "The coordinator's address, as stampede coordinate prints it: http://HOST:PORT.", Required = true };
        var token = new Option<string?>("--token") { Description = "The run's token, as stampede coordinate prints it (also STAMPEDE_TOKEN)." };
        var name = new Option<string?>("--name") { Description = "How the coordinator names this worker (default: the machine's name)." };
        var outs = new Option<string[]>("--out", "-o") { Description = "Also write this worker's own share, KIND=TARGET, as stampede run does. Repeatable." };
        var noSummary = new Option<bool>("--no-summary") { Description = "Do not print this worker's summary of its share." };
        var gone = new Option<string>("--coordinator-timeout") { Description = "Stop gracefully when the coordinator has not answered for this long.", DefaultValueFactory = _ => "10s" };
        var index = new Option<int?>("--index") { Description = "Ask for this segment of the split, from 0 (a Kubernetes Indexed Job's completion index); default: the next one free." };
        var resultFile = new Option<string?>("--result-file") { Description = "Where to keep the result when the coordinator cannot take it (default: stampede-worker-NAME.json); merge it later with stampede merge." };
        var command = new Command("worker", "Run a share of a coordinated run: join the coordinator (stampede coordinate), run the segment it hands out, send back the result.")
        {
            coordinator, token, name, index, outs, noSummary, gone, resultFile,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var errors = new List<PlanError>();
            var address = parse.GetValue(coordinator)!;
            if (!Uri.TryCreate(address.EndsWith('/') ? address : address + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                errors.Add(new PlanError("--coordinator", $"'{address}' is not an http:// address (expected e.g. http://127.0.0.1:6565)"));
            }

            var secret = parse.GetValue(token) ?? host.GetEnvironmentVariable("STAMPEDE_TOKEN");
            if (string.IsNullOrEmpty(secret))
            {
                errors.Add(new PlanError("--token", "give the run's token, as stampede coordinate printed it (or set STAMPEDE_TOKEN)"));
            }

            if (!Duration.TryParse(parse.GetValue(gone), out var coordinatorTimeout, out var durationError))
            {
                errors.Add(new PlanError("--coordinator-timeout", durationError!));
            }

            if (parse.GetValue(index) is < 0)
            {
                errors.Add(new PlanError("--index", $"expected a segment index from 0, got {parse.GetValue(index)}"));
            }

            if (errors.Count > 0)
            {
                ErrorReport.Write(host.Error, errors);
                return ExitCodes.BadInput;
            }

            var worker = new Worker(host, uri!, secret!, parse.GetValue(name) ?? host.MachineName, parse.GetValue(index), coordinatorTimeout, cancellationToken);
            try
            {
                return await worker.RunAsync(parse.GetValue(outs) ?? [], parse.GetValue(noSummary), parse.GetValue(resultFile)).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                host.Error.WriteLine("worker cancelled");
                return ExitCodes.Failure;
            }
        });
        return command;
    }

    /// <summary>One worker's run, from joining to handing in its result.</summary>
    private sealed class Worker(IConsoleHost host, Uri coordinator, string token, string name, int? index, TimeSpan coordinatorTimeout, CancellationToken cancellation)
    {
        private readonly CoordinatorClient _client = new(coordinator, token);

        public async Task<int> RunAsync(IReadOnlyList<string> outputs, bool noSummary, string? resultFile)
        {
            using var client = _client;
            var join = await UntilAnsweredAsync(() => _client.JoinAsync(name, index, cancellation)).ConfigureAwait(false);
            if (join?.Value is not { } assignment)
            {
                return Refused("join", join);
            }

            host.Error.WriteLine($"worker {assignment.Name}: segment {assignment.Segment} of {assignment.SegmentSequence}, plan {assignment.PlanFile}");
            var folder = Directory.CreateTempSubdirectory("stampede-worker-");
            try
            {
                var settings = new RunSettings
                {
                    Env = assignment.Env,
                    Outputs = outputs,
                    Quiet = true,
                    NoSummary = noSummary,
                    NoHistory = true,
                    Segment = assignment.Segment,
                    SegmentSequence = assignment.SegmentSequence,
                    AbortsJudgedElsewhere = assignment.AbortSelectors is { Count: > 0 },
                };
                var planPath = Path.Combine(folder.FullName, Path.GetFileName(assignment.PlanFile));
                await File.WriteAllTextAsync(planPath, assignment.PlanText, cancellation).ConfigureAwait(false);
                try
                {
                    // The files beside the plan on the coordinator's machine, so its data files and imports resolve here.
                    PlanBundle.Unpack(assignment.Files ?? [], folder.FullName);
                }
                catch (Exception exception) when (exception is InvalidDataException or IOException or FormatException or UnauthorizedAccessException)
                {
                    host.Error.WriteLine($"error: worker {assignment.Name}: {exception.Message}");
                    await _client.FailedAsync(assignment.Worker, exception.Message, cancellation).ConfigureAwait(false);
                    return ExitCodes.Failure;
                }

                TestPlan? plan = null;
                if (!K6ScriptRun.IsScript(planPath))
                {
                    var load = PlanFile.LoadText(assignment.PlanText, assignment.PlanFile, folder.FullName, settings, host);
                    if (!load.Succeeded)
                    {
                        ErrorReport.Write(host.Error, load.Errors);
                        await _client.FailedAsync(assignment.Worker, string.Join("; ", load.Errors.Select(e => e.ToString())), cancellation).ConfigureAwait(false);
                        return ExitCodes.BadInput;
                    }

                    plan = load.Plan!;
                }

                var forAll = assignment.Lifecycle == LifecycleRoles.ForAll;
                var signal = await WaitForStartAsync(assignment.Worker, setsUp: forAll).ConfigureAwait(false);
                if (signal is null)
                {
                    return ExitCodes.Failure;
                }

                // The worker that sets up for all starts at once and runs setup; its scenarios wait for the start.
                if (signal.RunSetup)
                {
                    host.Error.WriteLine($"worker {assignment.Name}: every worker joined; running setup for all of them");
                }
                else if (signal.StartAt is { } startAt && startAt - host.Time.GetUtcNow() is { } wait && wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, host.Time, cancellation).ConfigureAwait(false);
                }

                var lifecycle = assignment.Lifecycle is null ? null : new FleetLifecycle(forAll, signal.SetupData, new Exchange(this, assignment.Worker), host.Time);

                var control = new RunControl();
                var reporter = new ProgressReporter(assignment.AbortSelectors);
                using var stopping = new CancellationTokenSource();
                using var hardStop = cancellation.Register(() => control.RequestHardStop("worker cancelled"));
                var sending = SendProgressAsync(assignment.Worker, reporter, control, stopping.Token);
                var exitCode = plan is null
                    ? await K6ScriptRun.RunAsync(host, planPath, settings, null, [reporter], control, lifecycle).ConfigureAwait(false)
                    : (await new PlanRunner(host, control: control, lifecycle: lifecycle).RunAsync(plan, settings, [reporter]).ConfigureAwait(false)).ExitCode;
                await stopping.CancelAsync().ConfigureAwait(false);
                var reachable = await sending.ConfigureAwait(false);

                // A cancelled worker is as good as gone: it hands in nothing, and the coordinator finds its share lost.
                cancellation.ThrowIfCancellationRequested();
                if (reporter.Result is not { } result)
                {
                    await _client.FailedAsync(assignment.Worker, $"its run ended without a result (exit code {exitCode})", cancellation).ConfigureAwait(false);
                    return exitCode == ExitCodes.Ok ? ExitCodes.Failure : exitCode;
                }

                if (reachable && await HandInAsync(assignment.Worker, result).ConfigureAwait(false))
                {
                    host.Error.WriteLine($"worker {assignment.Name}: result sent to the coordinator");
                    return exitCode;
                }

                var file = resultFile ?? $"stampede-worker-{string.Concat(assignment.Name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'))}.json";
                await new JsonResultOutput(file).EndAsync(result, CancellationToken.None).ConfigureAwait(false);
                host.Error.WriteLine($"error: worker {assignment.Name}: the coordinator did not take the result; kept it in {file} (merge it with stampede merge)");
                return ExitCodes.Failure;
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        }

        /// <summary>Retries while the coordinator cannot be reached (it may start after its workers); a refusal ends the wait.</summary>
        private async Task<CoordinatorClient.Reply<T>?> UntilAnsweredAsync<T>(Func<Task<CoordinatorClient.Reply<T>>> send)
            where T : class
        {
            var since = host.Time.GetUtcNow();
            while (true)
            {
                var reply = await send().ConfigureAwait(false);
                if (reply.Status is not null || host.Time.GetUtcNow() - since > coordinatorTimeout)
                {
                    return reply;
                }

                await Task.Delay(PollEvery, host.Time, cancellation).ConfigureAwait(false);
            }
        }

        private int Refused<T>(string what, CoordinatorClient.Reply<T>? reply)
            where T : class
        {
            if (reply?.Status == HttpStatusCode.Unauthorized)
            {
                ErrorReport.Write(host.Error, [new PlanError("--token", $"the coordinator at {coordinator} refused the token: {reply.Error}")]);
                return ExitCodes.BadInput;
            }

            host.Error.WriteLine(reply?.Status is null
                ? $"error: worker {name}: cannot reach the coordinator at {coordinator} ({reply?.Error}) for {Duration.Format(coordinatorTimeout)}"
                : $"error: worker {name}: the coordinator refused to {what}: {(int)reply.Status} {reply.Error}");
            return ExitCodes.Failure;
        }

        /// <summary>
        /// Polls until the coordinator names the start, or (<paramref name="setsUp"/>) tells this worker to run setup for
        /// all; null when it says the run cannot start or stops answering.
        /// </summary>
        private async Task<StartSignal?> WaitForStartAsync(string id, bool setsUp)
        {
            while (true)
            {
                var reply = await UntilAnsweredAsync(() => _client.StartAsync(id, cancellation)).ConfigureAwait(false);
                if (reply?.Value is not { } signal)
                {
                    Refused("start", reply);
                    return null;
                }

                if (signal.Error is not null)
                {
                    host.Error.WriteLine($"error: worker {name}: the run cannot start: {signal.Error}");
                    return null;
                }

                if (signal.StartAt is not null || (setsUp && signal.RunSetup))
                {
                    return signal;
                }

                await Task.Delay(PollEvery, host.Time, cancellation).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Each second sends the running totals; when the coordinator has not taken one for the timeout, stops the
        /// run gracefully (nobody would merge its result). Returns whether the coordinator was still reachable.
        /// </summary>
        private async Task<bool> SendProgressAsync(string id, ProgressReporter reporter, RunControl control, CancellationToken stop)
        {
            var lastAnswer = host.Time.GetUtcNow();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, cancellation);
            try
            {
                while (!linked.IsCancellationRequested)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), host.Time, linked.Token).ConfigureAwait(false);
                    var reply = await _client.ProgressAsync(id, reporter.Latest, linked.Token).ConfigureAwait(false);
                    if (reply.Succeeded)
                    {
                        lastAnswer = host.Time.GetUtcNow();
                        if (reply.Value?.Stop is { } reason && !control.Graceful.IsCancellationRequested)
                        {
                            host.Error.WriteLine($"\nworker {name}: the coordinator stops the run: {reason}");
                            control.RequestStop(reason);
                        }
                    }
                    else if (host.Time.GetUtcNow() - lastAnswer > coordinatorTimeout)
                    {
                        host.Error.WriteLine($"\nworker {name}: the coordinator has not answered for {Duration.Format(coordinatorTimeout)} ({reply.Error}); stopping this share");
                        control.RequestStop($"the coordinator stopped answering for {Duration.Format(coordinatorTimeout)}");
                        return false;
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }

            return true;
        }

        /// <summary>Polls until the coordinator says every other worker is done; false when it stops answering.</summary>
        private async Task<bool> OthersDoneAsync(string id, CancellationToken cancellationToken)
        {
            while (true)
            {
                var reply = await UntilAnsweredAsync(() => _client.TeardownAsync(id, cancellationToken)).ConfigureAwait(false);
                if (reply?.Value is not { } signal)
                {
                    host.Error.WriteLine($"worker {name}: the coordinator cannot say whether the other workers are done ({reply?.Error}); tearing down now");
                    return false;
                }

                if (signal.Go)
                {
                    return true;
                }

                await Task.Delay(PollEvery, host.Time, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Hands setup's outcome in, retrying while the coordinator cannot be reached.</summary>
        private async Task<bool> ReportSetupAsync(string id, SetupOutcome outcome, CancellationToken cancellationToken)
        {
            var reply = await UntilAnsweredAsync(() => _client.SetupAsync(id, outcome, cancellationToken)).ConfigureAwait(false);
            if (reply?.Succeeded != true)
            {
                host.Error.WriteLine($"error: worker {name}: the coordinator did not take setup's outcome: {(reply?.Status is { } status ? $"{(int)status} " : "")}{reply?.Error}");
                return false;
            }

            return true;
        }

        /// <summary>The coordinator's side of setup and teardown for all, as <see cref="FleetLifecycle"/> asks for it.</summary>
        private sealed class Exchange(Worker worker, string id) : FleetLifecycle.IExchange
        {
            public Task<bool> ReportSetupAsync(SetupOutcome outcome, CancellationToken cancellationToken) => worker.ReportSetupAsync(id, outcome, cancellationToken);

            public async Task<DateTimeOffset?> StartAsync(CancellationToken cancellationToken) =>
                (await worker.WaitForStartAsync(id, setsUp: false).ConfigureAwait(false))?.StartAt;

            public Task<bool> OthersDoneAsync(CancellationToken cancellationToken) => worker.OthersDoneAsync(id, cancellationToken);
        }

        /// <summary>Sends the result, retrying within the coordinator timeout.</summary>
        private async Task<bool> HandInAsync(string id, RunResult result)
        {
            var since = host.Time.GetUtcNow();
            while (true)
            {
                var reply = await _client.ResultAsync(id, result, cancellation).ConfigureAwait(false);
                if (reply.Succeeded)
                {
                    return true;
                }

                if (reply.Status is not null || host.Time.GetUtcNow() - since > coordinatorTimeout)
                {
                    host.Error.WriteLine($"error: worker {name}: sending the result failed: {(reply.Status is { } status ? $"{(int)status} " : "")}{reply.Error}");
                    return false;
                }

                await Task.Delay(PollEvery, host.Time, cancellation).ConfigureAwait(false);
            }
        }
    }
}
