using Stampede.Metrics;

namespace Stampede.Protocols.Http;

/// <summary>
/// Records k6's HTTP metrics for one VU's responses. The series handles for each combination of tags (scenario,
/// group, name, method, status, proto, expected_response, error_code) are resolved once and cached per VU, so
/// recording a response is a few lock-free writes and no allocation after warm-up. Requests that got no response
/// at all are counted but kept out of the timing trends.
/// </summary>
internal sealed class HttpMetricsRecorder(MetricRegistry registry)
{
    private readonly Dictionary<Key, SeriesSet> _cache = [];

    // A VU mostly repeats its last request: comparing with it skips hashing the key (one reference, so a
    // concurrent batch reads either the old or the new pair, never a mix).
    private SeriesSet? _last;

    private readonly record struct Key(TagSet Base, string Name, string Method, int Status, string Proto, bool Expected, int ErrorCode);

    private sealed class SeriesSet(MetricRegistry registry, TagSet tags, Key key)
    {
        public readonly Key Key = key;
        public readonly CounterSeries Reqs = registry.Counter(BuiltinMetrics.HttpReqs, tags);
        public readonly TrendSeries Duration = registry.Trend(BuiltinMetrics.HttpReqDuration, tags);
        public readonly TrendSeries Blocked = registry.Trend(BuiltinMetrics.HttpReqBlocked, tags);
        public readonly TrendSeries Connecting = registry.Trend(BuiltinMetrics.HttpReqConnecting, tags);
        public readonly TrendSeries Tls = registry.Trend(BuiltinMetrics.HttpReqTlsHandshaking, tags);
        public readonly TrendSeries Sending = registry.Trend(BuiltinMetrics.HttpReqSending, tags);
        public readonly TrendSeries Waiting = registry.Trend(BuiltinMetrics.HttpReqWaiting, tags);
        public readonly TrendSeries Receiving = registry.Trend(BuiltinMetrics.HttpReqReceiving, tags);
        public readonly RateSeries Failed = registry.Rate(BuiltinMetrics.HttpReqFailed, tags);
        public readonly CounterSeries Sent = registry.Counter(BuiltinMetrics.DataSent, tags);
        public readonly CounterSeries Received = registry.Counter(BuiltinMetrics.DataReceived, tags);
    }

    public void Record(HttpResponse response, TagSet baseTags)
    {
        var key = new Key(baseTags, response.Name, response.Method, response.Status, response.Proto, response.ExpectedStatus, response.ErrorCode);
        var series = Volatile.Read(ref _last);
        if (series is null || !series.Key.Equals(key))
        {
            if (!_cache.TryGetValue(key, out series))
            {
                series = new SeriesSet(registry, TagsFor(key), key);
                _cache[key] = series;
            }

            Volatile.Write(ref _last, series);
        }

        var timings = response.Timings;
        series.Reqs.Add(1);
        series.Failed.Add(!response.ExpectedStatus);
        series.Sent.Add(response.BytesSent);
        series.Received.Add(response.BytesReceived);
        if (response.Status == 0)
        {
            // No response arrived (refused, reset, timeout): its partial timings would drag the latency
            // percentiles towards zero and hide the failure, so it counts in http_reqs and http_req_failed only.
            return;
        }

        series.Blocked.Record(timings.Blocked);
        series.Connecting.Record(timings.Connecting);
        series.Tls.Record(timings.TlsHandshaking);
        series.Sending.Record(timings.Sending);
        series.Waiting.Record(timings.Waiting);
        series.Receiving.Record(timings.Receiving);
        series.Duration.Record(timings.Duration);
    }

    private static TagSet TagsFor(Key key)
    {
        var tags = key.Base
            .With("name", key.Name)
            .With("method", key.Method)
            .With("status", key.Status.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("expected_response", key.Expected ? "true" : "false");
        if (key.Proto.Length > 0)
        {
            tags = tags.With("proto", key.Proto);
        }

        if (key.ErrorCode != 0)
        {
            tags = tags.With("error_code", key.ErrorCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return tags;
    }
}
