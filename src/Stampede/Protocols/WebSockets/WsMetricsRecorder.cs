using System.Collections.Concurrent;
using Stampede.Metrics;

namespace Stampede.Protocols.WebSockets;

/// <summary>
/// Records k6's <c>ws_*</c> metrics for one VU; series handles are cached per (tags, name). Sessions report errors
/// from their receive tasks, so the caches take concurrent callers.
/// </summary>
internal sealed class WsMetricsRecorder(MetricRegistry registry)
{
    private readonly ConcurrentDictionary<(TagSet Base, string Name), SeriesSet> _cache = new();
    private readonly ConcurrentDictionary<(TagSet Base, string Name, string Error), CounterSeries> _errors = new();

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
            set = _cache.GetOrAdd((baseTags, name), new SeriesSet(registry, baseTags.With("name", name)));
        }

        return set;
    }

    public void Error(TagSet baseTags, string name, string error)
    {
        if (!_errors.TryGetValue((baseTags, name, error), out var counter))
        {
            counter = _errors.GetOrAdd((baseTags, name, error), registry.Counter(BuiltinMetrics.WsErrors, baseTags.With("name", name).With("error", error)));
        }

        counter.Add(1);
    }
}
