using HdrHistogram;

namespace Stampede.Metrics;

/// <summary>
/// A trend series: a distribution kept in HdrHistogram. Writers record into a phase-flipped
/// <see cref="Recorder"/> (wait-free, no allocation); the tick takes each second's interval histogram,
/// adds it to the cumulative one and keeps that second's statistics.
/// </summary>
public sealed class TrendSeries : Series
{
    private readonly TrendScale _scale;
    private readonly Recorder _recorder;
    private readonly SummedHistogram _cumulative;
    private readonly StripedAccumulator _sum = new();
    private readonly List<TrendPoint> _points = [];
    private IntervalHistogram _interval;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;
    private double _collectedSum;

    internal TrendSeries(Metric metric, TagSet tags, int firstSecond)
        : base(metric, tags, firstSecond)
    {
        _scale = TrendScale.For(metric.Unit);
        _recorder = new Recorder(1, _scale.HighestTrackable, TrendScale.SignificantDigits,
            static (id, lowest, highest, digits) => new IntervalHistogram(id, lowest, highest, digits));
        _cumulative = new SummedHistogram(_scale.HighestTrackable, TrendScale.SignificantDigits);

        // The recorder's second histogram, made now rather than at the first tick: its counts are a large object, and
        // a large allocation in the middle of a run can set off a full collection that stalls every VU. Until the
        // first tick it is an empty interval.
        _interval = (IntervalHistogram)_recorder.GetIntervalHistogram();
    }

    /// <summary>Records one sample, in the metric's unit (milliseconds for time).</summary>
    public void Record(double value)
    {
        _recorder.RecordValue(_scale.ToUnits(value));
        _sum.Add(value);
        InterlockedMath.Min(ref _min, value);
        InterlockedMath.Max(ref _max, value);
        Tap?.Write(this, value);
    }

    /// <summary>Records a duration.</summary>
    public void Record(TimeSpan duration) => Record(duration.TotalMilliseconds);

    internal TrendScale Scale => _scale;

    /// <summary>Every sample collected so far (up to the last tick).</summary>
    internal HistogramBase Cumulative => _cumulative;

    internal double CollectedSum => _collectedSum;

    internal double Min => Volatile.Read(ref _min);

    internal double Max => Volatile.Read(ref _max);

    internal IReadOnlyList<TrendPoint> Points => _points;

    /// <summary>The interval histogram of the last collected second (empty before the first tick; valid until the next).</summary>
    internal IntervalHistogram LastInterval => _interval;

    internal override int PointCount => _points.Count;

    /// <summary>Statistics over everything collected so far.</summary>
    public TrendStats Stats => TrendStats.From(_cumulative, _scale, _collectedSum, Min, Max);

    internal override void AppendEmpty()
    {
        _points.Add(default);
        _interval.Reset();
    }

    internal override void Collect()
    {
        _interval = (IntervalHistogram)_recorder.GetIntervalHistogram(_interval);
        _interval.AddTo(_cumulative);
        var sum = _sum.Sum;
        var count = _interval.TotalCount;
        _points.Add(count == 0
            ? default
            : new TrendPoint(
                count, sum - _collectedSum,
                _scale.ToValue(_interval.LowestEquivalentValue(_interval.GetValueAtPercentile(0))),
                _scale.ToValue(_interval.HighestEquivalentValue(_interval.GetValueAtPercentile(100))),
                TrendStats.Percentile(_interval, _scale, 50), TrendStats.Percentile(_interval, _scale, 90),
                TrendStats.Percentile(_interval, _scale, 95), TrendStats.Percentile(_interval, _scale, 99)));
        _collectedSum = sum;
    }
}

/// <summary>One second of a trend.</summary>
internal readonly record struct TrendPoint(long Count, double Sum, double Min, double Max, double P50, double P90, double P95, double P99)
{
    public double Avg => Count == 0 ? 0 : Sum / Count;
}
