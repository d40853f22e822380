using Prometheus;
using Stampede.Metrics;

namespace Stampede.Outputs;

/// <summary>
/// Mirrors the run's metric registry into a prometheus-net registry once a second: counters, gauges, rates (as a
/// gauge of the share) and trends as real Prometheus histograms, fed from each series' one-second HDR interval
/// with <c>Observe(value, count)</c> (no per-sample work on the VUs' path). At most <c>maxSeriesPerMetric</c>
/// label sets per metric; further ones are folded into one series per tenant whose other labels read <c>other</c>.
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
    private static readonly int TenantLabel = IndexOf(ExportedMetricNames.KeptWhenFolded);

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
        // Several series folded into one label set: their counter totals must be added up before IncTo, which only raises.
        Dictionary<(Metric Metric, string Key), (string[] Labels, double Total)>? folded = null;
        foreach (var series in registry.AllSeries)
        {
            var (labels, foldedKey) = LabelsFor(series);
            switch (series)
            {
                case CounterSeries counter when foldedKey is not null:
                    folded ??= new();
                    var sum = folded.GetValueOrDefault((series.Metric, foldedKey), (labels, 0));
                    folded[(series.Metric, foldedKey)] = (labels, sum.Total + counter.Total);
                    break;
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

        if (folded is null)
        {
            return;
        }

        foreach (var ((metric, _), (labels, total)) in folded)
        {
            ((Counter)CollectorFor(metric)).WithLabels(labels).IncTo(total);
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

    /// <summary>The series' label values, and the key of the folded label set when it is past the cap (else null).</summary>
    private (string[] Labels, string? FoldedKey) LabelsFor(Series series)
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
            return (values, null);
        }

        if (seen.Count >= _maxSeriesPerMetric)
        {
            var folded = Folded(values);
            return (folded, string.Join('\u001f', folded));
        }

        seen.Add(key);
        return (values, null);
    }

    // A tenant's cost and requests must add up to its row in the result even when its users and endpoints are past the
    // cap; the number of tenants is bounded by the plan, so keeping that one label keeps cardinality bounded too.
    private static string[] Folded(string[] values)
    {
        var folded = new string[values.Length];
        Array.Fill(folded, "other");
        folded[TenantLabel] = values[TenantLabel];
        return folded;
    }

    private static int IndexOf(string label)
    {
        for (var i = 0; i < ExportedMetricNames.Labels.Count; i++)
        {
            if (ExportedMetricNames.Labels[i] == label)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"{label} is not an exported label");
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
