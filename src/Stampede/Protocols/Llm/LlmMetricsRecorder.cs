using Stampede.Metrics;

namespace Stampede.Protocols.Llm;

/// <summary>
/// Records the <c>llm_*</c> metrics of one VU, tagged with the VU's tags plus <c>name</c>, <c>model</c> and
/// (when set) <c>tenant</c>; token counters also carry <c>token_source</c>, errors <c>error</c>. Handles are cached.
/// </summary>
internal sealed class LlmMetricsRecorder(MetricRegistry registry)
{
    private readonly Dictionary<(TagSet, string, string, string?), SeriesSet> _cache = [];
    private readonly Dictionary<(TagSet, LlmTokenSource, bool), CounterSeries> _tokens = [];
    private readonly Dictionary<(TagSet, LlmErrorKind), CounterSeries> _errors = [];

    internal sealed class SeriesSet(MetricRegistry registry, TagSet tags)
    {
        public readonly TagSet Tags = tags;
        public readonly TrendSeries Ttft = registry.Trend(BuiltinMetrics.LlmTtft, tags);
        public readonly TrendSeries TtftScheduled = registry.Trend(BuiltinMetrics.LlmTtftScheduled, tags);
        public readonly TrendSeries Headers = registry.Trend(BuiltinMetrics.LlmTimeToHeaders, tags);
        public readonly TrendSeries FirstAnswer = registry.Trend(BuiltinMetrics.LlmTimeToFirstAnswerToken, tags);
        public readonly TrendSeries Itl = registry.Trend(BuiltinMetrics.LlmItl, tags);
        public readonly TrendSeries Tpot = registry.Trend(BuiltinMetrics.LlmTpot, tags);
        public readonly TrendSeries E2e = registry.Trend(BuiltinMetrics.LlmE2e, tags);
        public readonly TrendSeries E2eScheduled = registry.Trend(BuiltinMetrics.LlmE2eScheduled, tags);
        public readonly TrendSeries TokensPerSecond = registry.Trend(BuiltinMetrics.LlmTokensPerSecond, tags);
        public readonly CounterSeries Requests = registry.Counter(BuiltinMetrics.LlmRequests, tags);
        public readonly CounterSeries Cost = registry.Counter(BuiltinMetrics.LlmCost, tags);
        public readonly RateSeries Goodput = registry.Rate(BuiltinMetrics.LlmGoodput, tags);
        public readonly CounterSeries Coalesced = registry.Counter(BuiltinMetrics.LlmCoalescedChunks, tags);
        public readonly CounterSeries Throttled = registry.Counter(BuiltinMetrics.LlmThrottled, tags);
        public readonly RateSeries PromptUnique = registry.Rate(BuiltinMetrics.LlmPromptUnique, tags);
    }

    public SeriesSet For(TagSet baseTags, string name, string model, string? tenant)
    {
        var key = (baseTags, name, model, tenant);
        if (!_cache.TryGetValue(key, out var set))
        {
            var tags = baseTags.With("name", name).With("model", model);
            set = new SeriesSet(registry, tenant is null ? tags : tags.With("tenant", tenant));
            _cache[key] = set;
        }

        return set;
    }

    public void Tokens(SeriesSet set, LlmTokenSource source, bool output, long count)
    {
        if (!_tokens.TryGetValue((set.Tags, source, output), out var counter))
        {
            counter = registry.Counter(output ? BuiltinMetrics.LlmOutputTokens : BuiltinMetrics.LlmInputTokens,
                set.Tags.With("token_source", source.ToString().ToLowerInvariant()));
            _tokens[(set.Tags, source, output)] = counter;
        }

        counter.Add(count);
    }

    public void Error(SeriesSet set, LlmErrorKind kind)
    {
        if (!_errors.TryGetValue((set.Tags, kind), out var counter))
        {
            counter = registry.Counter(BuiltinMetrics.LlmErrors, set.Tags.With("error", Tag(kind)));
            _errors[(set.Tags, kind)] = counter;
        }

        counter.Add(1);
    }

    public static string Tag(LlmErrorKind kind) => kind switch
    {
        LlmErrorKind.Status => "status",
        LlmErrorKind.Connect => "connect",
        LlmErrorKind.StreamError => "stream_error",
        LlmErrorKind.ErrorEvent => "error_event",
        LlmErrorKind.Cut => "cut",
        LlmErrorKind.FirstTokenTimeout => "first_token_timeout",
        LlmErrorKind.IdleTimeout => "idle_timeout",
        LlmErrorKind.Length => "length",
        LlmErrorKind.ContentFilter => "content_filter",
        LlmErrorKind.Cancelled => "cancelled",
        _ => "none",
    };
}
