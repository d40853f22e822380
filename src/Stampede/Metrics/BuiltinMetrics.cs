namespace Stampede.Metrics;

/// <summary>The metrics every run records, with k6's names and meanings so dashboards and thresholds carry over.</summary>
public static class BuiltinMetrics
{
    /// <summary>Requests made (counter).</summary>
    public static readonly Metric HttpReqs = new("http_reqs", MetricKind.Counter);

    /// <summary>Sending + waiting + receiving, in ms (trend).</summary>
    public static readonly Metric HttpReqDuration = new("http_req_duration", MetricKind.Trend, MetricUnit.Time);

    /// <summary>Time spent waiting for a free connection before the request started, in ms (trend).</summary>
    public static readonly Metric HttpReqBlocked = new("http_req_blocked", MetricKind.Trend, MetricUnit.Time);

    /// <summary>TCP connection set-up, in ms (trend).</summary>
    public static readonly Metric HttpReqConnecting = new("http_req_connecting", MetricKind.Trend, MetricUnit.Time);

    /// <summary>TLS handshake, in ms (trend).</summary>
    public static readonly Metric HttpReqTlsHandshaking = new("http_req_tls_handshaking", MetricKind.Trend, MetricUnit.Time);

    /// <summary>Writing the request, in ms (trend).</summary>
    public static readonly Metric HttpReqSending = new("http_req_sending", MetricKind.Trend, MetricUnit.Time);

    /// <summary>Time to first byte after the request was sent, in ms (trend).</summary>
    public static readonly Metric HttpReqWaiting = new("http_req_waiting", MetricKind.Trend, MetricUnit.Time);

    /// <summary>Reading the response from its first byte to its last, in ms (trend).</summary>
    public static readonly Metric HttpReqReceiving = new("http_req_receiving", MetricKind.Trend, MetricUnit.Time);

    /// <summary>Share of requests whose status was not expected (rate).</summary>
    public static readonly Metric HttpReqFailed = new("http_req_failed", MetricKind.Rate);

    /// <summary>Bytes written (counter).</summary>
    public static readonly Metric DataSent = new("data_sent", MetricKind.Counter, MetricUnit.Data);

    /// <summary>Bytes read (counter).</summary>
    public static readonly Metric DataReceived = new("data_received", MetricKind.Counter, MetricUnit.Data);

    /// <summary>Completed iterations (counter).</summary>
    public static readonly Metric Iterations = new("iterations", MetricKind.Counter);

    /// <summary>Time to run one whole iteration, in ms (trend).</summary>
    public static readonly Metric IterationDuration = new("iteration_duration", MetricKind.Trend, MetricUnit.Time);

    /// <summary>
    /// Arrivals an arrival-rate executor never started: no VU was free and the scenario drops such arrivals, or its
    /// backlog was full, or the arrival waited there past its maximum wait or the scenario's end (counter).
    /// </summary>
    public static readonly Metric DroppedIterations = new("dropped_iterations", MetricKind.Counter);

    /// <summary>Arrivals that found every VU busy and waited in the scenario's backlog for one to free (counter).</summary>
    public static readonly Metric QueuedIterations = new("queued_iterations", MetricKind.Counter);

    /// <summary>How late an arrival-rate iteration started against its schedule, in ms (trend).</summary>
    public static readonly Metric IterationLateness = new("iteration_lateness", MetricKind.Trend, MetricUnit.Time);

    /// <summary>
    /// Iteration time measured from its scheduled start rather than its actual start (wrk2's correction for
    /// coordinated omission), in ms (trend). Recorded by arrival-rate executors only.
    /// </summary>
    public static readonly Metric IterationResponseTime = new("iteration_response_time", MetricKind.Trend, MetricUnit.Time);

    /// <summary>Active virtual users (gauge).</summary>
    public static readonly Metric Vus = new("vus", MetricKind.Gauge);

    /// <summary>Allocated virtual users (gauge).</summary>
    public static readonly Metric VusMax = new("vus_max", MetricKind.Gauge);

    /// <summary>Share of checks that passed (rate).</summary>
    public static readonly Metric Checks = new("checks", MetricKind.Rate);

    /// <summary>SSE: request start → response headers, in ms (trend).</summary>
    public static readonly Metric SseConnect = new("sse_connect", MetricKind.Trend, MetricUnit.Time);

    /// <summary>SSE: request start → the read that delivered the first event, in ms (trend).</summary>
    public static readonly Metric SseTimeToFirstEvent = new("sse_time_to_first_event", MetricKind.Trend, MetricUnit.Time);

    /// <summary>SSE: time between consecutive events that arrived in different reads, in ms (trend).</summary>
    public static readonly Metric SseEventGap = new("sse_event_gap", MetricKind.Trend, MetricUnit.Time);

    /// <summary>SSE: events received (counter).</summary>
    public static readonly Metric SseEvents = new("sse_events", MetricKind.Counter);

    /// <summary>SSE: events that arrived in the same read as the event before them, so their gap is not recorded (counter).</summary>
    public static readonly Metric SseCoalescedEvents = new("sse_coalesced_events", MetricKind.Counter);

    /// <summary>SSE: request start → end of the stream, in ms (trend).</summary>
    public static readonly Metric SseStreamDuration = new("sse_stream_duration", MetricKind.Trend, MetricUnit.Time);

    /// <summary>SSE: streams opened (counter).</summary>
    public static readonly Metric SseStreams = new("sse_streams", MetricKind.Counter);

    /// <summary>SSE: failed streams, tagged <c>error</c> with the class (counter).</summary>
    public static readonly Metric SseErrors = new("sse_errors", MetricKind.Counter);

    /// <summary>WebSocket: time to establish the session (TCP + upgrade), in ms (trend).</summary>
    public static readonly Metric WsConnecting = new("ws_connecting", MetricKind.Trend, MetricUnit.Time);

    /// <summary>WebSocket: connect → close, in ms (trend).</summary>
    public static readonly Metric WsSessionDuration = new("ws_session_duration", MetricKind.Trend, MetricUnit.Time);

    /// <summary>WebSocket: sessions started (counter).</summary>
    public static readonly Metric WsSessions = new("ws_sessions", MetricKind.Counter);

    /// <summary>WebSocket: messages sent (counter).</summary>
    public static readonly Metric WsMsgsSent = new("ws_msgs_sent", MetricKind.Counter);

    /// <summary>WebSocket: messages received (counter).</summary>
    public static readonly Metric WsMsgsReceived = new("ws_msgs_received", MetricKind.Counter);

    /// <summary>WebSocket: application-level ping → pong round trip, in ms (trend).</summary>
    public static readonly Metric WsPing = new("ws_ping", MetricKind.Trend, MetricUnit.Time);

    /// <summary>WebSocket: a send → the first message of its reply, in ms (trend).</summary>
    public static readonly Metric WsTimeToFirstMessage = new("ws_time_to_first_message", MetricKind.Trend, MetricUnit.Time);

    /// <summary>WebSocket: time between consecutive messages of a streamed reply, in ms (trend).</summary>
    public static readonly Metric WsMessageGap = new("ws_message_gap", MetricKind.Trend, MetricUnit.Time);

    /// <summary>WebSocket: messages that arrived in the same network read as the message before them (counter).</summary>
    public static readonly Metric WsCoalescedMessages = new("ws_coalesced_messages", MetricKind.Counter);

    /// <summary>WebSocket: failures, tagged <c>error</c> with the class or close code (counter).</summary>
    public static readonly Metric WsErrors = new("ws_errors", MetricKind.Counter);

    /// <summary>LLM: request start → first content token, in ms (trend).</summary>
    public static readonly Metric LlmTtft = new("llm_ttft", MetricKind.Trend, MetricUnit.Time);

    /// <summary>LLM: scheduled start (arrival-rate executors) → first content token, in ms (trend).</summary>
    public static readonly Metric LlmTtftScheduled = new("llm_ttft_scheduled", MetricKind.Trend, MetricUnit.Time);

    /// <summary>LLM: request start → response headers, in ms (trend).</summary>
    public static readonly Metric LlmTimeToHeaders = new("llm_time_to_headers", MetricKind.Trend, MetricUnit.Time);

    /// <summary>LLM: request start → first answer (non-reasoning) token, recorded when reasoning preceded it, in ms (trend).</summary>
    public static readonly Metric LlmTimeToFirstAnswerToken = new("llm_time_to_first_answer_token", MetricKind.Trend, MetricUnit.Time);

    /// <summary>LLM: gap between consecutive content chunks, in ms (trend).</summary>
    public static readonly Metric LlmItl = new("llm_itl", MetricKind.Trend, MetricUnit.Time);

    /// <summary>LLM: (e2e − ttft) / (output tokens − 1), in ms (trend).</summary>
    public static readonly Metric LlmTpot = new("llm_tpot", MetricKind.Trend, MetricUnit.Time);

    /// <summary>LLM: request start → end of the answer, in ms (trend).</summary>
    public static readonly Metric LlmE2e = new("llm_e2e", MetricKind.Trend, MetricUnit.Time);

    /// <summary>LLM: scheduled start (arrival-rate executors) → end of the answer, in ms (trend).</summary>
    public static readonly Metric LlmE2eScheduled = new("llm_e2e_scheduled", MetricKind.Trend, MetricUnit.Time);

    /// <summary>LLM: output tokens (counter; its rate is the output token throughput), tagged <c>token_source</c>.</summary>
    public static readonly Metric LlmOutputTokens = new("llm_output_tokens", MetricKind.Counter);

    /// <summary>LLM: input tokens (counter), tagged <c>token_source</c>.</summary>
    public static readonly Metric LlmInputTokens = new("llm_input_tokens", MetricKind.Counter);

    /// <summary>LLM: output tokens / e2e seconds per request (trend).</summary>
    public static readonly Metric LlmTokensPerSecond = new("llm_tokens_per_second", MetricKind.Trend);

    /// <summary>LLM: requests (counter; its rate is the request throughput).</summary>
    public static readonly Metric LlmRequests = new("llm_requests", MetricKind.Counter);

    /// <summary>LLM: cost in US dollars from the price table (counter), tagged <c>model</c> and <c>tenant</c>.</summary>
    public static readonly Metric LlmCost = new("llm_cost", MetricKind.Counter);

    /// <summary>LLM: share of requests that succeeded and met every SLO (rate).</summary>
    public static readonly Metric LlmGoodput = new("llm_goodput", MetricKind.Rate);

    /// <summary>LLM: failed requests, tagged <c>error</c> with the class (counter).</summary>
    public static readonly Metric LlmErrors = new("llm_errors", MetricKind.Counter);

    /// <summary>LLM: share of requests whose last user message had not been sent before in the run (rate).</summary>
    public static readonly Metric LlmPromptUnique = new("llm_prompt_unique", MetricKind.Rate);

    /// <summary>LLM requests refused with 429 (a spent budget, a rate limit), by the VU's tags: what the isolation verdict reads.</summary>
    public static readonly Metric LlmThrottled = new("llm_throttled", MetricKind.Counter);

    /// <summary>LLM: content chunks that arrived in the same read as the chunk before them (counter).</summary>
    public static readonly Metric LlmCoalescedChunks = new("llm_coalesced_chunks", MetricKind.Counter);

    /// <summary>Time taken by each group (trend, ms).</summary>
    public static readonly Metric GroupDuration = new("group_duration", MetricKind.Trend, MetricUnit.Time);

    /// <summary>
    /// Harness: how long a work item queued once a second waited for a thread-pool thread, in ms (trend) — the
    /// load generator's own scheduling lag, which every VU continuation (and so every timestamp) also suffers.
    /// </summary>
    public static readonly Metric HarnessSchedulingLag = new("harness_scheduling_lag", MetricKind.Trend, MetricUnit.Time);

    /// <summary>Harness: work items waiting in the thread pool's queue (gauge).</summary>
    public static readonly Metric HarnessThreadPoolQueue = new("harness_threadpool_queue", MetricKind.Gauge);

    /// <summary>Harness: garbage-collection pause time, in ms (counter).</summary>
    public static readonly Metric HarnessGcPause = new("harness_gc_pause", MetricKind.Counter, MetricUnit.Time);

    /// <summary>Harness: the load generator's CPU use, in percent of one core (gauge).</summary>
    public static readonly Metric HarnessCpu = new("harness_cpu", MetricKind.Gauge);

    /// <summary>Every built-in metric, in the order the summary shows them.</summary>
    public static IReadOnlyList<Metric> All { get; } =
    [
        Checks, DataReceived, DataSent, DroppedIterations, GroupDuration,
        HttpReqBlocked, HttpReqConnecting, HttpReqDuration, HttpReqFailed, HttpReqReceiving, HttpReqSending,
        HttpReqTlsHandshaking, HttpReqWaiting, HttpReqs,
        IterationDuration, IterationLateness, IterationResponseTime, Iterations, QueuedIterations, Vus, VusMax,
        SseConnect, SseTimeToFirstEvent, SseEventGap, SseEvents, SseCoalescedEvents, SseStreamDuration, SseStreams, SseErrors,
        WsConnecting, WsSessionDuration, WsSessions, WsMsgsSent, WsMsgsReceived, WsPing, WsTimeToFirstMessage, WsMessageGap, WsCoalescedMessages, WsErrors,
        LlmTtft, LlmTtftScheduled, LlmTimeToHeaders, LlmTimeToFirstAnswerToken, LlmItl, LlmTpot, LlmE2e, LlmE2eScheduled,
        LlmOutputTokens, LlmInputTokens, LlmTokensPerSecond, LlmRequests, LlmCost, LlmGoodput, LlmErrors, LlmThrottled, LlmPromptUnique, LlmCoalescedChunks,
        HarnessSchedulingLag, HarnessThreadPoolQueue, HarnessGcPause, HarnessCpu,
    ];
}
