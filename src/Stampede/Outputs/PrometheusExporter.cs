using Prometheus;
using Stampede.Metrics;

namespace Stampede.Outputs;

/// <summary>
/// Mirrors the run's metric registry into a prometheus-net registry once a second: counters, gauges, rates (as a
/// gauge of the share) and trends as real Prometheus histograms, fed from each series' one-second HDR interval
/// with <c>Observe(value, count)</c> (no per-sample work on the VUs' path). At most <c>maxSeriesPerMetric</c>
/// label sets per metric; further ones are folded into one series whose labels read <c>other</c>.
/// </summary>
internal sealed class PrometheusExporter
{
    private static readonly double[] TimeBuckets = Histogram.ExponentialBuckets(0.0001, 2, 20);          // 0.1 ms … 52 s
    private static readonly double[] ValueBuckets = Histogram.ExponentialBuckets(0.01, 2.5, 24);        // 0.01 … 35 M

    private readonly Dictionary<Metric, Collector> _collectors = [];
    private readonly Dictionary<Metric, HashSet<string>> _labelSets = [];
    private readonly Dictionary<Series, int> _fedPoints = [];
    private readonly MetricFactory _factory;
    private readonly int _maxSeriesPerMetric;
    private readonly string[] _other = [.. ExportedMetricNames.Labels.Select(_ => "other")];

    public PrometheusExporter(int maxSeriesPerMetric = 100)
    {
        _maxSeriesPerMetric = maxSeriesPerMetric;
        Registry = Prometheus.Metrics.NewCustomRegistry();
        // Our own registry only: no process or .NET runtime collectors mixed into a load test's numbers.
        _factory = Prometheus.Metrics.WithCustomRegistry(Registry);
    }

    public CollectorRegistry Registry { get; }

    public void Update(MetricRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var series in registry.AllSeries)
        {
            var labels = LabelsFor(series);
            switch (series)
            {
                case CounterSeries counter:
                    ((Counter)CollectorFor(series.Metric)).WithLabels(labels).IncTo(counter.Total);
                    break;
                case GaugeSeries gauge when gauge.HasValue:
                    ((Gauge)CollectorFor(series.Metric)).WithLabels(labels).Set(gauge.Value);
                    break;
                case RateSeries rate when rate.Total > 0:
                    ((Gauge)CollectorFor(series.Metric)).WithLabels(labels).Set((double)rate.Passes / rate.Total);
                    break;
                case TrendSeries trend:
                    Feed(trend, ((Histogram)CollectorFor(series.Metric)).WithLabels(labels));
                    break;
            }
        }
    }

    private void Feed(TrendSeries trend, Histogram.Child histogram)
    {
        var points = trend.PointCount;
        if (_fedPoints.GetValueOrDefault(trend) == points || trend.LastInterval is not { TotalCount: > 0 } interval)
        {
            _fedPoints[trend] = points;
            return;
        }

        _fedPoints[trend] = points;
        foreach (var recorded in interval.RecordedValues())
        {
            var value = ExportedMetricNames.ExportedValue(trend.Metric, trend.Scale.ToValue(recorded.ValueIteratedTo));
            histogram.Observe(value, recorded.CountAddedInThisIterationStep);
        }
    }

    private string[] LabelsFor(Series series)
    {
        var values = ExportedMetricNames.LabelValues(series.Tags);
        if (!_labelSets.TryGetValue(series.Metric, out var seen))
        {
            seen = [];
            _labelSets.Add(series.Metric, seen);
        }

        var key = string.Join('\u001f', values);
        if (seen.Contains(key))
        {
            return values;
        }

        if (seen.Count >= _maxSeriesPerMetric)
        {
            return _other;
        }

        seen.Add(key);
        return values;
    }

    private Collector CollectorFor(Metric metric)
    {
        if (_collectors.TryGetValue(metric, out var collector))
        {
            return collector;
        }

        var factory = _factory;
        var name = ExportedMetricNames.Of(metric);
        var labels = ExportedMetricNames.Labels.ToArray();
        var help = $"Stampede {metric.Kind.Name()} {metric.Name}";
        collector = metric.Kind switch
        {
            MetricKind.Counter => factory.CreateCounter(name, help, labels),
            MetricKind.Trend => factory.CreateHistogram(name, help, new HistogramConfiguration
            {
                LabelNames = labels,
                Buckets = metric.Unit == MetricUnit.Time ? TimeBuckets : ValueBuckets,
            }),
            _ => factory.CreateGauge(name, help, labels),
        };
        _collectors.Add(metric, collector);
        return collector;
    }
}
