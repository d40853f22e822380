using Stampede.Metrics;

namespace Stampede.Protocols.WebSockets;

/// <summary>Records k6's <c>ws_*</c> metrics for one VU; series handles are cached per (tags, name).</summary>
internal sealed class WsMetricsRecorder(MetricRegistry registry)
{
    private readonly Dictionary<(TagSet Base, string Name), SeriesSet> _cache = [];
    private readonly Dictionary<(TagSet Base, string Name, string Error), CounterSeries> _errors = [];

    internal sealed class SeriesSet(MetricRegistry registry, TagSet tags)
    {
        public readonly TrendSeries Connecting = registry.Trend(BuiltinMetrics.WsConnecting, tags);
        public readonly TrendSeries Duration = registry.Trend(BuiltinMetrics.WsSessionDuration, tags);
        public readonly CounterSeries Sessions = registry.Counter(BuiltinMetrics.WsSessions, tags);
        public readonly CounterSeries Sent = registry.Counter(BuiltinMetrics.WsMsgsSent, tags);
        public readonly CounterSeries Received = registry.Counter(BuiltinMetrics.WsMsgsReceived, tags);
        public readonly TrendSeries Ping = registry.Trend(BuiltinMetrics.WsPing, tags);
        public readonly TrendSeries FirstMessage = registry.Trend(BuiltinMetrics.WsTimeToFirstMessage, tags);
        public readonly TrendSeries Gap = registry.Trend(BuiltinMetrics.WsMessageGap, tags);
        public readonly CounterSeries Coalesced = registry.Counter(BuiltinMetrics.WsCoalescedMessages, tags);
    }

    public SeriesSet For(TagSet baseTags, string name)
    {
        if (!_cache.TryGetValue((baseTags, name), out var set))
        {
            set = new SeriesSet(registry, baseTags.With("name", name));
            _cache[(baseTags, name)] = set;
        }

        return set;
    }

    public void Error(TagSet baseTags, string name, string error)
    {
        if (!_errors.TryGetValue((baseTags, name, error), out var counter))
        {
            counter = registry.Counter(BuiltinMetrics.WsErrors, baseTags.With("name", name).With("error", error));
            _errors[(baseTags, name, error)] = counter;
        }

        counter.Add(1);
    }
}
