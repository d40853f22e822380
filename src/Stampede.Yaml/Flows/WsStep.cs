using System.Diagnostics;
using Stampede.Data.Templates;
using Stampede.Protocols.WebSockets;

namespace Stampede.Yaml.Flows;

/// <summary>
/// <c>ws:</c> — opens a WebSocket session, runs its actions in order (send, receive, ping, think, close), closes it,
/// and checks and captures what the session received. Receives and their captures run as they come, so a later
/// send can use what an earlier reply said.
/// </summary>
internal sealed record WsStep(
    Template Url,
    IReadOnlyList<KeyValuePair<string, Template>> Headers,
    string? Name,
    TimeSpan? Timeout,
    IReadOnlyList<WsAction> Actions,
    StreamAssertions Assertions,
    bool AbortIterationOnFail,
    bool ReadsStatus = false) : IFlowStep
{
    public async Task RunAsync(FlowRun run)
    {
        var scope = run.Scope;
        var url = Url.Render(scope);
        var options = new WsConnectOptions(url)
        {
            Headers = Headers.Count == 0 ? null : [.. Headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value.Render(scope)))],
            Name = Name ?? url,
        };
        if (Timeout is { } timeout)
        {
            options = options with { ConnectTimeout = timeout };
        }

        var start = Stopwatch.GetTimestamp();

        // The upgrade's status and headers are kept only for a step that reads the status.
        var handshake = await run.Vu.Ws.ConnectWithDetailsAsync(options, details: ReadsStatus).ConfigureAwait(false);
        var session = handshake.Session;
        if (run.Vu.CancellationToken.IsCancellationRequested)
        {
            if (session is not null)
            {
                await session.CloseAsync().ConfigureAwait(false);
            }

            return;
        }

        var state = new State();
        var passed = true;
        if (session is not null)
        {
            try
            {
                foreach (var action in Actions)
                {
                    passed &= await RunAsync(action, session, run, state).ConfigureAwait(false);
                    if (run.Vu.CancellationToken.IsCancellationRequested)
                    {
                        return;
                    }
                }
            }
            finally
            {
                await state.StopIntervalsAsync().ConfigureAwait(false);
                await session.CloseAsync().ConfigureAwait(false);
            }
        }

        var outcome = new StreamOutcome();
        outcome.Items.AddRange(state.Texts);
        var values = outcome.Values;
        values["connected"] = session is not null;
        values["status"] = ReadsStatus ? handshake.Status : null;
        values["messages"] = state.Texts.Count;
        values["completed"] = session is not null && state.Completed;
        values["error"] = session is null ? "connect" : state.Error;
        values["duration"] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        values["firstMessage"] = state.FirstMessageMs;
        values["ping"] = state.PingMs;
        values["text"] = state.Texts.Count == 0 ? null : state.Texts[^1];
        passed &= Assertions.Apply(run, outcome);
        if (!passed && AbortIterationOnFail)
        {
            run.Vu.AbortIteration($"a check of WS {Url} failed");
        }
    }

    private static async Task<bool> RunAsync(WsAction action, WsSession session, FlowRun run, State state)
    {
        switch (action)
        {
            case WsSend send:
                await session.SendTextAsync(send.Render(run.Scope)).ConfigureAwait(false);
                return true;
            case WsExchange exchange:
                var received = 0;
                var reply = await session.StreamAsync(exchange.Send.Render(run.Scope), m => exchange.Receive.IsEnd(m.Text, ++received),
                    belongs: exchange.Receive.Belongs is null ? null : m => exchange.Receive.Accepts(m.Text),
                    firstMessageTimeout: exchange.Receive.FirstTimeout ?? exchange.Receive.Timeout, idleTimeout: exchange.Receive.Timeout).ConfigureAwait(false);
                state.FirstMessageMs ??= reply.TimeToFirstMessageMs;
                return Received(exchange.Receive, [.. reply.Messages.Select(m => m.Text)], reply.Completed, reply.Error, reply.TimeToFirstMessageMs, run, state);
            case WsReceive receive:
                var texts = new List<string>();
                var completed = false;
                while (!completed)
                {
                    var timeout = texts.Count == 0 ? receive.FirstTimeout ?? receive.Timeout : receive.Timeout;
                    if (await session.ReceiveAsync(timeout).ConfigureAwait(false) is not { } message)
                    {
                        break;
                    }

                    var text = message.Text;
                    if (!receive.Accepts(text))
                    {
                        continue;
                    }

                    texts.Add(text);
                    completed = receive.IsEnd(text, texts.Count);
                }

                var error = completed ? null : session.State != System.Net.WebSockets.WebSocketState.Open ? "closed" : texts.Count == 0 ? "first_message_timeout" : "idle_timeout";
                return Received(receive, texts, completed, error, null, run, state);
            case WsPingAction ping:
                var rtt = await session.PingAsync(ping.Send.Render(run.Scope), ping.Until.Matches, ping.Timeout).ConfigureAwait(false);
                state.PingMs = rtt?.TotalMilliseconds;
                if (rtt is null)
                {
                    state.Completed = false;
                    state.Error ??= "ping_timeout";
                }

                return true;
            case WsSendEvery every:
                state.StartInterval(every, session, run);
                return true;
            case WsListen listen:
                return await ListenAsync(listen, session, run, state).ConfigureAwait(false);
            case WsThink think:
                await run.Vu.SleepAsync(think.Time.Sample(run.Vu.Random)).ConfigureAwait(false);
                return true;
            default:
                await session.CloseAsync().ConfigureAwait(false);
                return true;
        }
    }

    private static async Task<bool> ListenAsync(WsListen listen, WsSession session, FlowRun run, State state)
    {
        var time = run.Vu.Time;
        var deadline = time.GetTimestamp() + (long)(listen.Duration.TotalSeconds * time.TimestampFrequency);
        var passed = true;
        while (true)
        {
            var left = deadline - time.GetTimestamp();
            if (left <= 0)
            {
                return passed;
            }

            if (await session.ReceiveAsync(TimeSpan.FromSeconds((double)left / time.TimestampFrequency)).ConfigureAwait(false) is not { } message)
            {
                if (session.State != System.Net.WebSockets.WebSocketState.Open)
                {
                    state.Completed = false;
                    state.Error ??= "closed";
                    return passed;
                }

                continue;
            }

            var text = message.Text;
            if (listen.Belongs is { } belongs && !belongs.Accepts(text))
            {
                continue;
            }

            state.Texts.Add(text);
            if (listen.PerMessage.Checks.Count > 0 || listen.PerMessage.Captures.Count > 0)
            {
                passed &= listen.PerMessage.Apply(run, WsMessageOutcome.Of(text));
            }

            if (listen.Until?.Matches(text) == true)
            {
                return passed;
            }
        }
    }

    private static bool Received(WsReceive receive, List<string> texts, bool completed, string? error, double? firstMessageMs, FlowRun run, State state)
    {
        state.Texts.AddRange(texts);
        state.Completed &= completed;
        state.Error ??= error;
        if (receive.Assertions.Checks.Count == 0 && receive.Assertions.Captures.Count == 0)
        {
            return true;
        }

        var outcome = new StreamOutcome();
        outcome.Items.AddRange(texts);
        outcome.Values["messages"] = texts.Count;
        outcome.Values["completed"] = completed;
        outcome.Values["error"] = error;
        outcome.Values["firstMessage"] = firstMessageMs;
        outcome.Values["text"] = texts.Count == 0 ? null : texts[^1];
        return receive.Assertions.Apply(run, outcome);
    }

    /// <summary>What the session received so far.</summary>
    private sealed class State
    {
        public List<string> Texts { get; } = [];

        public bool Completed { get; set; } = true;

        public string? Error { get; set; }

        public double? FirstMessageMs { get; set; }

        public double? PingMs { get; set; }

        private List<(Task Loop, CancellationTokenSource Stop)>? _intervals;

        public void StartInterval(WsSendEvery every, WsSession session, FlowRun run)
        {
            var stop = CancellationTokenSource.CreateLinkedTokenSource(run.Vu.CancellationToken);
            // Rendered once, here: the actions that follow write captures the loop must not read while they change.
            var text = every.Send.Render(run.Scope);
            (_intervals ??= []).Add((SendEveryAsync(text, every.Every, session, run.Vu.Time, stop.Token), stop));
        }

        public async Task StopIntervalsAsync()
        {
            foreach (var (loop, stop) in _intervals ?? [])
            {
                await stop.CancelAsync().ConfigureAwait(false);
                await loop.ConfigureAwait(false);
                stop.Dispose();
            }
        }

        private static async Task SendEveryAsync(string text, TimeSpan every, WsSession session, TimeProvider time, CancellationToken stop)
        {
            // Each send is due at a multiple of the interval from the start, so a slow send does not push the rest back.
            var started = time.GetTimestamp();
            for (var n = 1; ; n++)
            {
                var due = TimeSpan.FromTicks(every.Ticks * n) - time.GetElapsedTime(started);
                try
                {
                    if (due > TimeSpan.Zero)
                    {
                        await Task.Delay(due, time, stop).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                if (stop.IsCancellationRequested || session.State != System.Net.WebSockets.WebSocketState.Open)
                {
                    return;
                }

                await session.SendTextAsync(text).ConfigureAwait(false);
            }
        }
    }
}
