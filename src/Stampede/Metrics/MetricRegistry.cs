using System.Collections.Concurrent;

namespace Stampede.Metrics;

/// <summary>
/// Every metric and series of a run. Resolving a series is a dictionary lookup (do it once, then record into
/// the handle); <see cref="Collect"/> closes each one-second interval on the tick thread.
/// </summary>
public sealed class MetricRegistry
{
    private readonly ConcurrentDictionary<string, Metric> _metrics = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(Metric Metric, TagSet Tags), Series> _series = new();
    private readonly ConcurrentDictionary<Metric, MetricTimeline> _timelines = new();
    private readonly Lock _collectLock = new();
    private readonly UrlRedaction _redaction;
    private int _seconds;

    /// <summary>Creates a registry with the built-in metrics defined.</summary>
    public MetricRegistry()
        : this(UrlRedaction.Default)
    {
    }

    /// <summary>A registry whose series carry their tag values through <paramref name="redaction"/>.</summary>
    internal MetricRegistry(UrlRedaction redaction)
    {
        _redaction = redaction;
        foreach (var metric in BuiltinMetrics.All)
        {
            Define(metric);
        }
    }

    /// <summary>What keeps credentials out of this registry's tag values (and the run's error messages).</summary>
    internal UrlRedaction Redaction => _redaction;

    /// <summary>Receives every raw sample of series created from now on; set before the run starts, when an output asks for them.</summary>
    internal SampleTap? Tap { get; set; }

    /// <summary>Seconds collected so far.</summary>
    public int CollectedSeconds => Volatile.Read(ref _seconds);

    /// <summary>Defines a metric, or returns the one already defined under that name.</summary>
    /// <exception cref="InvalidOperationException">The name is taken by a metric of another kind or unit.</exception>
    public Metric Define(Metric metric)
    {
        var existing = _metrics.GetOrAdd(metric.Name, metric);
        if (existing != metric)
        {
            throw new InvalidOperationException(
                $"Metric '{metric.Name}' is already defined as a {existing.Kind} ({existing.Unit}); cannot redefine it as a {metric.Kind} ({metric.Unit}).");
        }

        return existing;
    }

    /// <summary>The metric named <paramref name="name"/>, or null.</summary>
    public Metric? Find(string name) => _metrics.GetValueOrDefault(name);

    /// <summary>Every defined metric.</summary>
    public IEnumerable<Metric> Metrics => _metrics.Values;

    /// <summary>The trend series of <paramref name="metric"/> with <paramref name="tags"/>.</summary>
    public TrendSeries Trend(Metric metric, TagSet tags) => (TrendSeries)Resolve(metric, tags, MetricKind.Trend);

    /// <summary>The counter series of <paramref name="metric"/> with <paramref name="tags"/>.</summary>
    public CounterSeries Counter(Metric metric, TagSet tags) => (CounterSeries)Resolve(metric, tags, MetricKind.Counter);

    /// <summary>The rate series of <paramref name="metric"/> with <paramref name="tags"/>.</summary>
    public RateSeries Rate(Metric metric, TagSet tags) => (RateSeries)Resolve(metric, tags, MetricKind.Rate);

    /// <summary>The gauge series of <paramref name="metric"/> with <paramref name="tags"/>.</summary>
    public GaugeSeries Gauge(Metric metric, TagSet tags) => (GaugeSeries)Resolve(metric, tags, MetricKind.Gauge);

    /// <summary>Every series created so far.</summary>
    public IReadOnlyCollection<Series> AllSeries => (IReadOnlyCollection<Series>)_series.Values;

    /// <summary>The series of the metric named <paramref name="name"/>.</summary>
    public IEnumerable<Series> SeriesOf(string name) => _series.Values.Where(s => s.Metric.Name == name);

    /// <summary>Closes the current second for every series. Runs on the tick thread (and once more at the end).</summary>
    internal void Collect()
    {
        lock (_collectLock)
        {
            var second = _seconds;
            foreach (var (_, timeline) in _timelines)
            {
                timeline.BeginSecond();
            }

            foreach (var series in _series.Values)
            {
                series.CollectAt(second);
                TimelineFor(series.Metric).Add(series);
            }

            foreach (var (_, timeline) in _timelines)
            {
                timeline.EndSecond(second);
            }

            Volatile.Write(ref _seconds, second + 1);
        }
    }

    /// <summary>The per-second points of <paramref name="metric"/> over all its series, or null before its first tick.</summary>
    internal MetricTimeline? TimelineOf(Metric metric)
    {
        lock (_collectLock)
        {
            return _timelines.GetValueOrDefault(metric);
        }
    }

    private Series Resolve(Metric metric, TagSet tags, MetricKind kind)
    {
        if (_series.TryGetValue((metric, tags), out var found))
        {
            return found;
        }

        if (metric.Kind != kind)
        {
            throw new InvalidOperationException($"Metric '{metric.Name}' is a {metric.Kind}, not a {kind}.");
        }

        // Every output reads series from here, so a credential in a tag value (a URL's api_key in the name tag, a check
        // named after such a URL) is masked once, where the series is made, and no output can write it. Tag sets
        // that differ only in a secret share one series. Callers keep the handle, so this runs once per series.
        var clean = _redaction.Redact(tags);
        if (!ReferenceEquals(clean, tags) && _series.TryGetValue((metric, clean), out found))
        {
            return found;
        }

        Define(metric);
        return _series.GetOrAdd((metric, clean), static (key, registry) => registry.Create(key.Metric, key.Tags), this);
    }

    private Series Create(Metric metric, TagSet tags)
    {
        var first = CollectedSeconds;
        Series series = metric.Kind switch
        {
            MetricKind.Counter => new CounterSeries(metric, tags, first),
            MetricKind.Gauge => new GaugeSeries(metric, tags, first),
            MetricKind.Rate => new RateSeries(metric, tags, first),
            _ => new TrendSeries(metric, tags, first),
        };
        series.Tap = Tap;

        // The metric's per-second timeline is made with its first series, not on the next tick: a trend's timeline
        // holds a large histogram, and large allocations on the tick, in the middle of a run, set off full
        // collections that stall every VU.
        TimelineFor(metric);
        return series;
    }

    private MetricTimeline TimelineFor(Metric metric) =>
        _timelines.GetOrAdd(metric, static (metric, registry) => new MetricTimeline(metric, registry.CollectedSeconds), this);
}
