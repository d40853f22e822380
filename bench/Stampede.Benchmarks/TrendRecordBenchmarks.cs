using BenchmarkDotNet.Attributes;
using Stampede.Metrics;

namespace Stampede.Benchmarks;

/// <summary>Cost of recording one sample into a tagged series (the hot path of every protocol): target tens of ns, 0 B.</summary>
[MemoryDiagnoser]
public class TrendRecordBenchmarks
{
    private TrendSeries _trend = null!;
    private CounterSeries _counter = null!;
    private RateSeries _rate = null!;
    private double _value;

    [GlobalSetup]
    public void Setup()
    {
        var registry = new MetricRegistry();
        var tags = TagSet.Of(("scenario", "default"), ("name", "http://127.0.0.1:8080/"), ("method", "GET"), ("status", "200"));
        _trend = registry.Trend(BuiltinMetrics.HttpReqDuration, tags);
        _counter = registry.Counter(BuiltinMetrics.HttpReqs, tags);
        _rate = registry.Rate(BuiltinMetrics.HttpReqFailed, tags);
    }

    [Benchmark(Baseline = true)]
    public void TrendRecord()
    {
        // A spread of latencies so the histogram index varies as it does under load.
        _value = _value > 50 ? 0.05 : _value + 0.37;
        _trend.Record(_value);
    }

    [Benchmark]
    public void CounterAdd() => _counter.Add(1);

    [Benchmark]
    public void RateAdd() => _rate.Add(false);
}
