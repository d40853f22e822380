namespace Stampede.Metrics;

/// <summary>A gauge series: the last value set, with the smallest and largest seen.</summary>
public sealed class GaugeSeries : Series
{
    private readonly List<double> _points = [];
    private double _value;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;
    private long _sets;

    internal GaugeSeries(Metric metric, TagSet tags, int firstSecond)
        : base(metric, tags, firstSecond)
    {
    }

    /// <summary>Sets the gauge to <paramref name="value"/>.</summary>
    public void Set(double value)
    {
        Volatile.Write(ref _value, value);
        Interlocked.Increment(ref _sets);
        InterlockedMath.Min(ref _min, value);
        InterlockedMath.Max(ref _max, value);
        Tap?.Write(this, value);
    }

    /// <summary>
    /// Counts <paramref name="value"/>, a value the gauge reached between two sets (a peak kept elsewhere), in its
    /// min and max without making it the current value or a point of its timeline.
    /// </summary>
    internal void Reached(double value)
    {
        Interlocked.Increment(ref _sets);
        InterlockedMath.Min(ref _min, value);
        InterlockedMath.Max(ref _max, value);
    }

    /// <summary>The last value set (0 before any).</summary>
    public double Value => Volatile.Read(ref _value);

    /// <summary>The smallest value set, or null before any.</summary>
    public double? Min => Interlocked.Read(ref _sets) == 0 ? null : Volatile.Read(ref _min);

    /// <summary>The largest value set, or null before any.</summary>
    public double? Max => Interlocked.Read(ref _sets) == 0 ? null : Volatile.Read(ref _max);

    /// <summary>True once any value was set.</summary>
    public bool HasValue => Interlocked.Read(ref _sets) > 0;

    internal IReadOnlyList<double> Points => _points;

    internal override int PointCount => _points.Count;

    internal override void AppendEmpty() => _points.Add(Value);

    internal override void Collect() => _points.Add(Value);
}
