using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Stampede.Metrics;
using Metric = Stampede.Metrics.Metric;

namespace Stampede.Outputs;

/// <summary>
/// <c>--out otlp=URL</c>: exports the run's metrics over OTLP/HTTP (protobuf) every <see cref="Interval"/> (default
/// 5 s) and once more at the end. Names as for Prometheus (<see cref="ExportedMetricNames"/>) except that counters
/// drop <c>_total</c> (Prometheus' OTLP receiver adds it back); time trends are histograms in seconds. A URL with
/// no path gets <c>/v1/metrics</c>.
/// </summary>
public sealed class OtlpOutput : IOutput
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Metric, Instrument> _instruments = [];
    private readonly Dictionary<Series, int> _fedPoints = [];
    private Dictionary<Metric, List<Measurement<double>>> _latest = [];
    private MetricRegistry? _registry;
    private Meter? _meter;
    private MeterProvider? _provider;

    /// <summary>Creates the output.</summary>
    /// <param name="endpoint">The collector's URL, e.g. <c>http://127.0.0.1:4318</c>.</param>
    /// <param name="interval">Time between exports (default 5 s).</param>
    public OtlpOutput(Uri endpoint, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Endpoint = endpoint.AbsolutePath is "" or "/" ? new Uri(endpoint, "/v1/metrics") : endpoint;
        Interval = interval ?? TimeSpan.FromSeconds(5);
    }

    /// <summary>Where metrics are posted.</summary>
    public Uri Endpoint { get; }

    /// <summary>Time between exports.</summary>
    public TimeSpan Interval { get; }

    /// <inheritdoc />
    public void Start(RunInfo run)
    {
        ArgumentNullException.ThrowIfNull(run);
        _meter = new Meter("Stampede", typeof(OtlpOutput).Assembly.GetName().Version?.ToString(3));
        _provider = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(r => r.AddService("stampede").AddAttributes([new("stampede.plan", run.Plan.Name)]))
            .AddMeter(_meter.Name)
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = Endpoint;
                exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)Interval.TotalMilliseconds;
                reader.TemporalityPreference = MetricReaderTemporalityPreference.Cumulative;
            })
            .Build();
    }

    /// <inheritdoc />
    public void OnSecond(LiveSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_gate)
        {
            _registry = snapshot.Metrics;
            Update(snapshot.Metrics);
        }
    }

    /// <inheritdoc />
    public Task EndAsync(RunResult result, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_registry is not null)
            {
                Update(_registry);
            }
        }

        _provider?.ForceFlush(10_000);
        _provider?.Dispose();
        _meter?.Dispose();
        _provider = null;
        return Task.CompletedTask;
    }

    private void Update(MetricRegistry registry)
    {
        var latest = new Dictionary<Metric, List<Measurement<double>>>();
        foreach (var series in registry.AllSeries)
        {
            var tags = Tags(series.Tags);
            switch (series)
            {
                case CounterSeries counter:
                    Add(latest, series.Metric, new Measurement<double>(counter.Total, tags));
                    break;
                case GaugeSeries gauge when gauge.HasValue:
                    Add(latest, series.Metric, new Measurement<double>(gauge.Value, tags));
                    break;
                case RateSeries rate when rate.Total > 0:
                    Add(latest, series.Metric, new Measurement<double>((double)rate.Passes / rate.Total, tags));
                    break;
                case TrendSeries trend:
                    Feed(trend, tags);
                    break;
            }
        }

        // Observable instruments read this on the exporter's thread: swap in a complete new map, never mutate it.
        Volatile.Write(ref _latest, latest);
        foreach (var metric in latest.Keys)
        {
            InstrumentFor(metric);
        }
    }

    private void Feed(TrendSeries trend, TagList tags)
    {
        var points = trend.PointCount;
        var fed = _fedPoints.GetValueOrDefault(trend);
        _fedPoints[trend] = points;
        if (fed == points || trend.LastInterval is not { TotalCount: > 0 } interval)
        {
            return;
        }

        var histogram = (Histogram<double>)InstrumentFor(trend.Metric);
        foreach (var recorded in interval.RecordedValues())
        {
            var value = ExportedMetricNames.ExportedValue(trend.Metric, trend.Scale.ToValue(recorded.ValueIteratedTo));
            for (var i = 0L; i < recorded.CountAddedInThisIterationStep; i++)
            {
                histogram.Record(value, tags);
            }
        }
    }

    private Instrument InstrumentFor(Metric metric)
    {
        if (_instruments.TryGetValue(metric, out var instrument))
        {
            return instrument;
        }

        var meter = _meter!;
        var name = ExportedMetricNames.Of(metric);
        IEnumerable<Measurement<double>> Observe() => Volatile.Read(ref _latest).GetValueOrDefault(metric) ?? [];
        instrument = metric.Kind switch
        {
            MetricKind.Counter => meter.CreateObservableCounter(name[..^"_total".Length], Observe, metric.Unit == MetricUnit.Data ? "By" : null),
            MetricKind.Trend => meter.CreateHistogram<double>(name, metric.Unit == MetricUnit.Time ? "s" : null),
            _ => meter.CreateObservableGauge(name, Observe),
        };
        _instruments.Add(metric, instrument);
        return instrument;
    }

    private static void Add(Dictionary<Metric, List<Measurement<double>>> latest, Metric metric, Measurement<double> measurement)
    {
        if (!latest.TryGetValue(metric, out var list))
        {
            list = [];
            latest.Add(metric, list);
        }

        list.Add(measurement);
    }

    private static TagList Tags(TagSet tags)
    {
        var list = new TagList();
        foreach (var label in ExportedMetricNames.Labels)
        {
            if (tags[label] is { Length: > 0 } value)
            {
                list.Add(label, value);
            }
        }

        return list;
    }
}
