using System.CommandLine;
using System.Globalization;
using Stampede.Cli.Hosting;
using Stampede.DemoTarget;

namespace Stampede.Cli.Commands;

/// <summary><c>stampede target</c>: runs the built-in demo target alone until Ctrl-C.</summary>
internal static class TargetCommand
{
    public static Command Create(IConsoleHost host)
    {
        var defaults = new DemoTargetOptions();
        var hostOption = new Option<string>("--host") { Description = "Address to bind.", DefaultValueFactory = _ => defaults.Host };
        var port = new Option<int>("--port", "-p") { Description = "Port to listen on (0 picks a free one).", DefaultValueFactory = _ => defaults.Port };
        var seed = new Option<int>("--seed") { Description = "Seed for every random choice, so runs repeat.", DefaultValueFactory = _ => defaults.Seed };
        var ttft = new Option<string?>("--ttft") { Description = $"Mean time to first token of streamed answers (default {Ms(defaults.TimeToFirstTokenMean)})." };
        var ttftStdDev = new Option<string?>("--ttft-stddev") { Description = $"Standard deviation of the time to first token (default {Ms(defaults.TimeToFirstTokenStdDev)})." };
        var itl = new Option<string?>("--itl") { Description = $"Mean delay between tokens (default {Ms(defaults.InterTokenDelayMean)})." };
        var itlStdDev = new Option<string?>("--itl-stddev") { Description = $"Standard deviation of the delay between tokens (default {Ms(defaults.InterTokenDelayStdDev)})." };
        var tokens = new Option<int?>("--answer-tokens") { Description = $"Mean tokens per answer (default {defaults.AnswerTokensMean})." };
        var latency = new Option<string?>("--added-latency") { Description = "Extra latency on every response, e.g. 50ms (default 0)." };
        var errorRate = new Option<double?>("--error-rate") { Description = "Share of requests answered with 500, 0–1 (default 0)." };
        var dropRate = new Option<double?>("--drop-rate") { Description = "Share of streams cut mid-way, 0–1 (default 0)." };
        var stallFor = new Option<string?>("--stall-for") { Description = "Stop answering for this long … (e.g. 500ms)" };
        var stallEvery = new Option<string?>("--stall-every") { Description = "… every this often (e.g. 10s)." };
        var slowBody = new Option<int?>("--slow-body") { Description = "Send bodies at this many bytes per second (default: full speed)." };
        var maxConcurrency = new Option<int?>("--max-concurrency") { Description = $"Requests served at once before queueing; past the queue, 503 (default {defaults.MaxConcurrency})." };
        var budget = new Option<decimal?>("--budget") { Description = $"Spend limit per new organisation in USD (default {defaults.DefaultOrgBudgetUsd})." };

        var command = new Command("target", "Run the built-in demo target (REST, SSE and WebSocket chat, an OpenAI-compatible API, /metrics) until Ctrl-C.")
        {
            hostOption, port, seed, ttft, ttftStdDev, itl, itlStdDev, tokens, latency, errorRate, dropRate, stallFor, stallEvery, slowBody, maxConcurrency, budget,
        };
        command.SetAction(async (parse, _) =>
        {
            var errors = new List<Plans.PlanError>();
            TimeSpan Dur(Option<string?> option, TimeSpan fallback)
            {
                var text = parse.GetValue(option);
                if (text is null)
                {
                    return fallback;
                }

                if (Plans.Duration.TryParse(text, out var value, out var error))
                {
                    return value;
                }

                errors.Add(new Plans.PlanError(option.Name, error!));
                return fallback;
            }

            var options = defaults with
            {
                Host = parse.GetValue(hostOption)!,
                Port = parse.GetValue(port),
                Seed = parse.GetValue(seed),
                TimeToFirstTokenMean = Dur(ttft, defaults.TimeToFirstTokenMean),
                TimeToFirstTokenStdDev = Dur(ttftStdDev, defaults.TimeToFirstTokenStdDev),
                InterTokenDelayMean = Dur(itl, defaults.InterTokenDelayMean),
                InterTokenDelayStdDev = Dur(itlStdDev, defaults.InterTokenDelayStdDev),
                AnswerTokensMean = parse.GetValue(tokens) ?? defaults.AnswerTokensMean,
                AddedLatency = Dur(latency, defaults.AddedLatency),
                ErrorRate = parse.GetValue(errorRate) ?? defaults.ErrorRate,
                DropRate = parse.GetValue(dropRate) ?? defaults.DropRate,
                StallFor = Dur(stallFor, defaults.StallFor),
                StallEvery = Dur(stallEvery, defaults.StallEvery),
                SlowBodyBytesPerSecond = parse.GetValue(slowBody) ?? defaults.SlowBodyBytesPerSecond,
                MaxConcurrency = parse.GetValue(maxConcurrency) ?? defaults.MaxConcurrency,
                DefaultOrgBudgetUsd = parse.GetValue(budget) ?? defaults.DefaultOrgBudgetUsd,
            };
            errors.AddRange(options.Validate().Select(e => new Plans.PlanError("target", e)));
            if (errors.Count > 0)
            {
                ErrorReport.Write(host.Error, errors);
                return ExitCodes.BadInput;
            }

            DemoTargetServer server;
            try
            {
                server = await DemoTargetServer.StartAsync(options).ConfigureAwait(false);
            }
            catch (IOException exception)
            {
                host.Error.WriteLine($"error: cannot listen on {options.Host}:{options.Port}: {exception.Message}");
                return ExitCodes.Failure;
            }

            await using (server.ConfigureAwait(false))
            {
                var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                using var signals = host.OnStopSignal(_ => stopped.TrySetResult());
                host.Out.WriteLine($"demo target listening on {server.BaseAddress} (seed {options.Seed}); demo API key: {server.DemoApiKey}");
                host.Out.WriteLine("endpoints: /api/health /api/missions /api/specs /api/chat (SSE, WebSocket) /v1/chat/completions /v1/embeddings /ws /metrics — Ctrl-C to stop");
                await stopped.Task.ConfigureAwait(false);
                await server.StopAsync().ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString("0.##", CultureInfo.InvariantCulture) + "ms";
}
