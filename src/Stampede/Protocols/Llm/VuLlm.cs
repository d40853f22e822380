using System.Text;
using Stampede.Metrics;
using Stampede.Protocols.Http;
using Stampede.Protocols.Sse;
using Stampede.Protocols.WebSockets;

namespace Stampede.Protocols.Llm;

/// <summary>
/// A VU's LLM chat client (<c>vu.Llm</c>): sends a chat request, reads the streamed answer and records TTFT, ITL,
/// TPOT, end-to-end time, tokens, cost and goodput (<c>llm_*</c>). Failures are values in <see cref="LlmResult"/>,
/// classified in <c>llm_errors</c> and kept out of the latency trends.
/// </summary>
public sealed class VuLlm : IAsyncDisposable
{
    private readonly HttpSession _session;
    private readonly VuWs _ws;
    private readonly LlmMetricsRecorder _recorder;
    private readonly TimeProvider _time;
    private readonly LlmCostLedger _ledger;
    private readonly Func<TagSet> _tags;
    private readonly Func<CancellationToken> _cancellation;
    private readonly Func<long> _scheduled;
    private readonly Func<string?>? _defaultApiKey;
    private readonly LlmPromptLedger? _prompts;
    private WsSession? _socket;
    private string? _socketUrl;

    internal VuLlm(HttpSession session, VuWs ws, MetricRegistry registry, TimeProvider time, LlmCostLedger ledger,
        Func<TagSet> tags, Func<CancellationToken> cancellation, Func<long> scheduled, Random random, Func<string?>? defaultApiKey = null, LlmPromptLedger? prompts = null)
    {
        _prompts = prompts;
        _defaultApiKey = defaultApiKey;
        _session = session;
        _ws = ws;
        _recorder = new LlmMetricsRecorder(registry);
        _time = time;
        _ledger = ledger;
        _tags = tags;
        _cancellation = cancellation;
        _scheduled = scheduled;
        Random = random;
    }

    /// <summary>The VU's random source (for picking prompts).</summary>
    public Random Random { get; }

    /// <summary>Dollars the whole run has spent on LLM requests so far.</summary>
    public decimal RunSpendUsd => _ledger.Total;

    /// <summary>Sends one user message.</summary>
    public Task<LlmResult> ChatAsync(LlmOptions options, string prompt) => ChatAsync(options, [new LlmMessage("user", prompt)]);

    /// <summary>Starts a conversation that carries its history from turn to turn.</summary>
    public LlmConversation Conversation(LlmOptions options, string? system = null) => new(this, options, system);

    /// <summary>Sends <paramref name="messages"/> and reads the streamed answer.</summary>
    /// <exception cref="ArgumentException">The options are not valid.</exception>
    public async Task<LlmResult> ChatAsync(LlmOptions options, IReadOnlyList<LlmMessage> messages)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        var ct = _cancellation();
        var scheduled = _scheduled();
        var result = new LlmResult();
        var answer = new LlmAnswerReader(options.Format, options.CountEmptyChunks, _time, result);
        var start = _time.GetTimestamp();
        var streamed = options.Transport == LlmTransport.Sse
            ? await StreamSseAsync(options, messages, answer, result, start, ct).ConfigureAwait(false)
            : await StreamWebSocketAsync(options, messages, answer, result, start).ConfigureAwait(false);
        var end = _time.GetTimestamp();
        Finish(options, messages, answer, result, start, end, scheduled, streamed);
        return result;
    }

    private async Task<bool> StreamSseAsync(LlmOptions options, IReadOnlyList<LlmMessage> messages, LlmAnswerReader answer,
        LlmResult result, long start, CancellationToken ct)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if ((options.ApiKey ?? _defaultApiKey?.Invoke()) is { } key)
        {
            headers.Add(new("Authorization", "Bearer " + key));
        }

        if (options.Headers is not null)
        {
            headers.AddRange(options.Headers);
        }

        var opened = await SseConnection.OpenAsync(_session, _time, options.Url, HttpMethod.Post, options.BuildBody(messages), headers,
            null, options.Name ?? options.Url, options.ConnectTimeout, requireEventStream: false, ct).ConfigureAwait(false);
        result.Status = opened.Response.Status;
        result.TimeToHeadersMs = _time.GetElapsedTime(start, opened.HeadersTimestamp).TotalMilliseconds;
        if (opened.Error != SseErrorKind.None)
        {
            result.Error = opened.Error switch
            {
                SseErrorKind.Cancelled => LlmErrorKind.Cancelled,
                SseErrorKind.Status => LlmErrorKind.Status,
                _ => LlmErrorKind.Connect,
            };
            result.ErrorMessage = opened.Error == SseErrorKind.Status && opened.Response.BodyStream is { } body
                ? await ReadErrorAsync(body, opened.Message).ConfigureAwait(false)
                : opened.Message;
            opened.Response.BodyStream?.Dispose();
            return false;
        }

        using var parser = new SseParser();
        var reader = new SseStreamReader(_time, parser);
        SseReadOutcome outcome;
        await using (opened.Response.BodyStream!.ConfigureAwait(false))
        {
            var firstTimeout = options.FirstTokenTimeout - _time.GetElapsedTime(start);
            outcome = await reader.ReadAsync(opened.Response.BodyStream!, e =>
            {
                var more = answer.OnEvent(e.Type, e.Data, e.Timestamp);
                if (answer.FirstChunkTimestamp != 0)
                {
                    reader.MarkStarted();
                }

                return more;
            }, firstTimeout > TimeSpan.Zero ? firstTimeout : TimeSpan.FromTicks(1), options.IdleTimeout, 0, ct).ConfigureAwait(false);
        }

        if (!answer.Failed)
        {
            result.Error = outcome switch
            {
                SseReadOutcome.Cancelled => LlmErrorKind.Cancelled,
                SseReadOutcome.FirstEventTimeout => LlmErrorKind.FirstTokenTimeout,
                SseReadOutcome.IdleTimeout => LlmErrorKind.IdleTimeout,
                _ when !answer.Ended && answer.OutputTokens is null => LlmErrorKind.Cut,
                _ => LlmErrorKind.None,
            };
            if (result.Error == LlmErrorKind.Cut)
            {
                result.ErrorMessage = outcome == SseReadOutcome.Reset ? "connection broke mid-stream" : "stream ended without its end marker or usage";
            }
        }

        return true;
    }

    private async Task<bool> StreamWebSocketAsync(LlmOptions options, IReadOnlyList<LlmMessage> messages, LlmAnswerReader answer,
        LlmResult result, long start)
    {
        if (_socket is null || _socket.State != System.Net.WebSockets.WebSocketState.Open || _socketUrl != options.Url)
        {
            if (_socket is not null)
            {
                await _socket.CloseAsync().ConfigureAwait(false);
            }

            _socket = await _ws.ConnectAsync(new WsConnectOptions(options.Url) { Name = options.Name ?? options.Url, Headers = AuthHeaders(options), ConnectTimeout = options.ConnectTimeout }).ConfigureAwait(false);
            _socketUrl = options.Url;
        }

        result.TimeToHeadersMs = _time.GetElapsedTime(start).TotalMilliseconds;
        if (_socket is null)
        {
            result.Error = _cancellation().IsCancellationRequested ? LlmErrorKind.Cancelled : LlmErrorKind.Connect;
            result.ErrorMessage = "WebSocket connection failed";
            return false;
        }

        result.Status = 101;
        await _socket.SendTextAsync(options.BuildWebSocketMessage(messages)).ConfigureAwait(false);
        while (true)
        {
            var limit = answer.FirstChunkTimestamp == 0 ? options.FirstTokenTimeout - _time.GetElapsedTime(start) : options.IdleTimeout;
            var message = await _socket.ReceiveAsync(limit > TimeSpan.Zero ? limit : TimeSpan.Zero).ConfigureAwait(false);
            if (message is not { } m)
            {
                result.Error = _cancellation().IsCancellationRequested ? LlmErrorKind.Cancelled
                    : _socket.State != System.Net.WebSockets.WebSocketState.Open ? LlmErrorKind.Cut
                    : answer.FirstChunkTimestamp == 0 ? LlmErrorKind.FirstTokenTimeout : LlmErrorKind.IdleTimeout;

                // A late answer would land in the next request: start over on a fresh session.
                await _socket.CloseAsync().ConfigureAwait(false);
                _socket = null;
                return true;
            }

            if (!answer.OnEvent(null, m.Text, m.Timestamp))
            {
                return true;
            }
        }
    }

    // A VU that acts as a tenant's user sends that user's key unless the request names one of its own.
    private IReadOnlyList<KeyValuePair<string, string>>? AuthHeaders(LlmOptions options) =>
        (options.ApiKey ?? _defaultApiKey?.Invoke()) is { } key ? [new("Authorization", "Bearer " + key), .. options.Headers ?? []] : options.Headers;

    private void Finish(LlmOptions options, IReadOnlyList<LlmMessage> messages, LlmAnswerReader answer, LlmResult result,
        long start, long end, long scheduled, bool streamed)
    {
        result.Text = answer.Text;
        if (result.Error == LlmErrorKind.None)
        {
            if (result.FinishReason == "length" && !options.AllowLength)
            {
                result.Error = LlmErrorKind.Length;
                result.ErrorMessage = "finish_reason: length";
            }
            else if (result.FinishReason == "content_filter")
            {
                result.Error = LlmErrorKind.ContentFilter;
                result.ErrorMessage = "finish_reason: content_filter";
            }
        }

        if (result.Error == LlmErrorKind.Cancelled)
        {
            return;   // the run stopped this VU: neither a success nor a failure of the target
        }

        var set = _recorder.For(_tags(), options.Name ?? options.Url, options.Model, options.Tenant);
        set.Requests.Add(1);
        if (_prompts is not null && messages.LastOrDefault(m => m.Role == "user") is { } asked)
        {
            set.PromptUnique.Add(_prompts.IsNew(asked.Content));
        }

        result.E2eMs = _time.GetElapsedTime(start, end).TotalMilliseconds;
        if (answer.FirstChunkTimestamp != 0)
        {
            result.TtftMs = _time.GetElapsedTime(start, answer.FirstChunkTimestamp).TotalMilliseconds;
        }

        if (answer.FirstAnswerTimestamp != 0)
        {
            result.TimeToFirstAnswerTokenMs = _time.GetElapsedTime(start, answer.FirstAnswerTimestamp).TotalMilliseconds;
        }

        // Counted after the end timestamp: a first use builds the vocabulary (about a second), which must not show in the figures.
        var counter = () => LlmTokenCounter.For(options.Tokenizer, options.Model);
        var (outputTokens, outputSource) = answer.Settle(counter);
        if (streamed)
        {
            (result.OutputTokens, result.OutputTokenSource) = (outputTokens, outputSource);
            (result.InputTokens, result.InputTokenSource) = answer.InputTokens is { } input ? (input, LlmTokenSource.Usage)
                : counter() is { } tokenizer ? (tokenizer.CountPrompt(messages), LlmTokenSource.Tokenizer)
                : (EstimateTokens(messages), LlmTokenSource.Estimate);
            _recorder.Tokens(set, result.OutputTokenSource, output: true, result.OutputTokens);
            _recorder.Tokens(set, result.InputTokenSource, output: false, result.InputTokens);
            if (options.PriceOf(options.Model) is { } price)
            {
                result.CostUsd = price.Cost(result.InputTokens, result.OutputTokens);
                set.Cost.Add((double)result.CostUsd);
                _ledger.Add(result.CostUsd, options.CostLimitUsd);
            }
        }

        if (result.CoalescedChunks > 0)
        {
            set.Coalesced.Add(result.CoalescedChunks);
        }

        if (result.Error != LlmErrorKind.None)
        {
            if (result.Status == 429)
            {
                set.Throttled.Add(1);
            }

            _recorder.Error(set, result.Error);
            set.Goodput.Add(false);
            return;
        }

        set.Headers.Record(result.TimeToHeadersMs);
        set.E2e.Record(result.E2eMs);
        if (scheduled != 0)
        {
            set.E2eScheduled.Record(_time.GetElapsedTime(scheduled, end));
        }

        if (result.TtftMs is { } ttft)
        {
            set.Ttft.Record(ttft);
            if (scheduled != 0)
            {
                set.TtftScheduled.Record(_time.GetElapsedTime(scheduled, answer.FirstChunkTimestamp));
            }

            if (answer.SawReasoning && result.TimeToFirstAnswerTokenMs is { } firstAnswer)
            {
                set.FirstAnswer.Record(firstAnswer);
            }

            foreach (var gap in result.ItlList)
            {
                set.Itl.Record(gap);
            }

            if (result.OutputTokens > 1)
            {
                result.TpotMs = (result.E2eMs - ttft) / (result.OutputTokens - 1);
                set.Tpot.Record(result.TpotMs.Value);
            }
        }

        if (result.E2eMs > 0 && result.OutputTokens > 0)
        {
            set.TokensPerSecond.Record(result.OutputTokens / (result.E2eMs / 1000));
        }

        result.Good = options.Slo is not { } slo || (result.TtftMs is { } t && slo.IsMetBy(t, result.TpotMs, result.E2eMs));
        set.Goodput.Add(result.Good);
    }

    // Without usage or a tokenizer, about four characters a token: the common rule of thumb for English with GPT-style vocabularies.
    private static long EstimateTokens(IReadOnlyList<LlmMessage> messages)
    {
        long chars = 0;
        foreach (var message in messages)
        {
            chars += message.Content.Length;
        }

        return (chars + 3) / 4;
    }

    private static async Task<string?> ReadErrorAsync(Stream body, string? fallback)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            var buffer = new byte[4096];
            var read = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, timeout.Token).ConfigureAwait(false);
            var text = Encoding.UTF8.GetString(buffer, 0, read);
            return text.Length > 0 ? text : fallback;
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or HttpRequestException)
        {
            return fallback;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_socket is not null)
        {
            await _socket.CloseAsync().ConfigureAwait(false);
        }

        await _session.DisposeAsync().ConfigureAwait(false);
    }
}
