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

    /// <summary>Iterations an arrival-rate executor could not start because no VU was free (counter).</summary>
    public static readonly Metric DroppedIterations = new("dropped_iterations", MetricKind.Counter);

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

    /// <summary>Every built-in metric, in the order the summary shows them.</summary>
    public static IReadOnlyList<Metric> All { get; } =
    [
        Checks, DataReceived, DataSent, DroppedIterations,
        HttpReqBlocked, HttpReqConnecting, HttpReqDuration, HttpReqFailed, HttpReqReceiving, HttpReqSending,
        HttpReqTlsHandshaking, HttpReqWaiting, HttpReqs,
        IterationDuration, IterationLateness, IterationResponseTime, Iterations, Vus, VusMax,
    ];
}
