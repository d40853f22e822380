using System.Globalization;
using Stampede.Metrics;

namespace Stampede.Protocols.Sse;

/// <summary>
/// Records the <c>sse_*</c> metrics of one VU. Series handles are resolved once per (tags, name, method, status)
/// and cached, so recording an event is a lock-free write.
/// </summary>
internal sealed class SseMetricsRecorder(MetricRegistry registry)
{
    private readonly Dictionary<(TagSet Base, string Name, string Method, int Status), SeriesSet> _cache = [];
    private readonly Dictionary<(TagSet Base, string Name, SseErrorKind Kind), CounterSeries> _errors = [];

    internal sealed class SeriesSet(MetricRegistry registry, TagSet tags)
    {
        public readonly TrendSeries Connect = registry.Trend(BuiltinMetrics.SseConnect, tags);
        public readonly TrendSeries FirstEvent = registry.Trend(BuiltinMetrics.SseTimeToFirstEvent, tags);
        public readonly TrendSeries Gap = registry.Trend(BuiltinMetrics.SseEventGap, tags);
        public readonly CounterSeries Events = registry.Counter(BuiltinMetrics.SseEvents, tags);
        public readonly CounterSeries Coalesced = registry.Counter(BuiltinMetrics.SseCoalescedEvents, tags);
        public readonly TrendSeries Duration = registry.Trend(BuiltinMetrics.SseStreamDuration, tags);
        public readonly CounterSeries Streams = registry.Counter(BuiltinMetrics.SseStreams, tags);
    }

    public SeriesSet For(TagSet baseTags, string name, string method, int status)
    {
        var key = (baseTags, name, method, status);
        if (!_cache.TryGetValue(key, out var set))
        {
            set = new SeriesSet(registry, baseTags.With("name", name).With("method", method)
                .With("status", status.ToString(CultureInfo.InvariantCulture)));
            _cache[key] = set;
        }

        return set;
    }

    public void Error(TagSet baseTags, string name, SseErrorKind kind)
    {
        if (kind is SseErrorKind.None or SseErrorKind.Cancelled)
        {
            return;
        }

        var key = (baseTags, name, kind);
        if (!_errors.TryGetValue(key, out var counter))
        {
            counter = registry.Counter(BuiltinMetrics.SseErrors, baseTags.With("name", name).With("error", SseErrorKinds.Tag(kind)));
            _errors[key] = counter;
        }

        counter.Add(1);
    }
}
