namespace Stampede.Metrics;

/// <summary>
/// A metric's per-second points over all of its series (every tag set together). Built on the tick from each
/// series' one-second interval, so trend percentiles per second are exact merges, not averages of percentiles.
/// </summary>
internal sealed class MetricTimeline
{
    private readonly List<double> _values = [];
    private readonly List<RatePoint> _rates = [];
    private readonly List<TrendPoint> _trends = [];
    private readonly SummedHistogram? _interval;
    private readonly TrendScale _scale;
    private double _sum;
    private double _min;
    private double _max;
    private long _passes;
    private long _total;

    public MetricTimeline(Metric metric, int firstSecond)
    {
        Metric = metric;
        FirstSecond = firstSecond;
        _scale = TrendScale.For(metric.Unit);
        if (metric.Kind == MetricKind.Trend)
        {
            _interval = new SummedHistogram(_scale.HighestTrackable, TrendScale.SignificantDigits);
        }

        BeginSecond();
    }

    public Metric Metric { get; }

    public int FirstSecond { get; }

    /// <summary>Counter: amount per second. Gauge: sum of the series' values at each tick.</summary>
    public IReadOnlyList<double> Values => _values;

    public IReadOnlyList<RatePoint> Rates => _rates;

    public IReadOnlyList<TrendPoint> Trends => _trends;

    public int Count => Metric.Kind switch
    {
        MetricKind.Trend => _trends.Count,
        MetricKind.Rate => _rates.Count,
        _ => _values.Count,
    };

    public void BeginSecond()
    {
        _interval?.Reset();
        _sum = 0;
        _min = double.PositiveInfinity;
        _max = double.NegativeInfinity;
        _passes = 0;
        _total = 0;
    }

    public void Add(Series series)
    {
        switch (series)
        {
            case CounterSeries counter when counter.PointCount > 0:
                _sum += counter.Points[^1];
                break;
            case GaugeSeries gauge when gauge.PointCount > 0:
                _sum += gauge.Points[^1];
                break;
            case RateSeries rate when rate.PointCount > 0:
                _passes += rate.Points[^1].Passes;
                _total += rate.Points[^1].Total;
                break;
            case TrendSeries trend when trend.LastInterval is { TotalCount: > 0 } interval:
                interval.AddTo(_interval!);
                var point = trend.Points[^1];
                _sum += point.Sum;
                _min = Math.Min(_min, point.Min);
                _max = Math.Max(_max, point.Max);
                break;
        }
    }

    public void EndSecond(int second)
    {
        while (FirstSecond + Count < second)
        {
            AppendEmpty();
        }

        switch (Metric.Kind)
        {
            case MetricKind.Trend:
                var count = _interval!.TotalCount;
                _trends.Add(count == 0 ? default : new TrendPoint(
                    count, _sum, _min, _max,
                    TrendStats.Percentile(_interval, _scale, 50), TrendStats.Percentile(_interval, _scale, 90),
                    TrendStats.Percentile(_interval, _scale, 95), TrendStats.Percentile(_interval, _scale, 99)));
                break;
            case MetricKind.Rate:
                _rates.Add(new RatePoint(_passes, _total));
                break;
            default:
                _values.Add(_sum);
                break;
        }
    }

    private void AppendEmpty()
    {
        switch (Metric.Kind)
        {
            case MetricKind.Trend: _trends.Add(default); break;
            case MetricKind.Rate: _rates.Add(default); break;
            default: _values.Add(0); break;
        }
    }
}
