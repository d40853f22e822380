namespace Stampede.Metrics;

/// <summary>A rate series: how many samples were non-zero ("true") out of all.</summary>
public sealed class RateSeries : Series
{
    private readonly StripedAccumulator _passes = new();
    private readonly StripedAccumulator _total = new();
    private readonly List<RatePoint> _points = [];
    private double _collectedPasses;
    private double _collectedTotal;

    internal RateSeries(Metric metric, TagSet tags, int firstSecond)
        : base(metric, tags, firstSecond)
    {
    }

    /// <summary>Records one sample.</summary>
    public void Add(bool value)
    {
        if (value)
        {
            _passes.Add(1);
        }

        _total.Add(1);
        Tap?.Write(this, value ? 1 : 0);
    }

    /// <summary>Non-zero samples so far.</summary>
    public long Passes => (long)_passes.Sum;

    /// <summary>All samples so far.</summary>
    public long Total => (long)_total.Sum;

    internal IReadOnlyList<RatePoint> Points => _points;

    internal override int PointCount => _points.Count;

    internal override void AppendEmpty() => _points.Add(default);

    internal override void Collect()
    {
        double passes = _passes.Sum, total = _total.Sum;
        _points.Add(new RatePoint((long)(passes - _collectedPasses), (long)(total - _collectedTotal)));
        _collectedPasses = passes;
        _collectedTotal = total;
    }
}

/// <summary>One second of a rate: non-zero samples and all samples.</summary>
internal readonly record struct RatePoint(long Passes, long Total);
