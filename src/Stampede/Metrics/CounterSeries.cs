namespace Stampede.Metrics;

/// <summary>A counter series: a sum that only grows.</summary>
public sealed class CounterSeries : Series
{
    private readonly StripedAccumulator _total = new();
    private readonly List<double> _points = [];
    private double _collected;

    internal CounterSeries(Metric metric, TagSet tags, int firstSecond)
        : base(metric, tags, firstSecond)
    {
    }

    /// <summary>Adds <paramref name="value"/> (must not be negative).</summary>
    public void Add(double value = 1)
    {
        _total.Add(value);
        Tap?.Write(this, value);
    }

    /// <summary>The total so far.</summary>
    public double Total => _total.Sum;

    /// <summary>The amount added in each collected second.</summary>
    internal IReadOnlyList<double> Points => _points;

    internal override int PointCount => _points.Count;

    internal override void AppendEmpty() => _points.Add(0);

    internal override void Collect()
    {
        var total = _total.Sum;
        _points.Add(total - _collected);
        _collected = total;
    }
}
