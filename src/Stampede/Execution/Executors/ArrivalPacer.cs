using Stampede.Plans;

namespace Stampede.Execution.Executors;

/// <summary>
/// When the i-th iteration of an open-model schedule is due, as a pure function of i (vegeta's pacing idea):
/// the rate is piecewise linear, so the arrivals expected by time t are its integral N(t), and arrival i is
/// due at the t where N(t) = i. Computing every offset from the start, never from the previous one, means
/// rounding and late wake-ups do not accumulate into drift.
/// </summary>
internal sealed class ArrivalPacer
{
    private readonly Segment[] _segments;

    private readonly record struct Segment(double Start, double Length, double FromRate, double ToRate, double ArrivalsBefore)
    {
        public double Arrivals => (FromRate + ToRate) / 2 * Length;
    }

    /// <param name="startRate">Arrivals per second at time 0.</param>
    /// <param name="stages">Each stage moves the rate (arrivals per second) linearly to its target.</param>
    public ArrivalPacer(double startRate, IReadOnlyList<Stage> stages)
    {
        _segments = new Segment[stages.Count];
        double start = 0, before = 0, from = startRate;
        for (var i = 0; i < stages.Count; i++)
        {
            var length = stages[i].Duration.TotalSeconds;
            _segments[i] = new Segment(start, length, from, stages[i].Target, before);
            before += _segments[i].Arrivals;
            start += length;
            from = stages[i].Target;
        }

        Duration = TimeSpan.FromSeconds(start);
        TotalArrivals = before;
    }

    /// <summary>A constant rate for <paramref name="duration"/>.</summary>
    public static ArrivalPacer Constant(double ratePerSecond, TimeSpan duration) =>
        new(ratePerSecond, [new Stage(duration, ratePerSecond)]);

    /// <summary>Length of the schedule.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Arrivals the whole schedule expects (not rounded).</summary>
    public double TotalArrivals { get; }

    /// <summary>Offset from the start at which arrival <paramref name="index"/> (from 0) is due, or null when the schedule ends first.</summary>
    public TimeSpan? OffsetOf(long index)
    {
        // Arrival i is due when N(t) = i; so arrival 0 starts at once, as k6's first iteration does.
        double target = index;
        foreach (var segment in _segments)
        {
            if (target >= segment.ArrivalsBefore + segment.Arrivals)
            {
                continue;
            }

            var n = target - segment.ArrivalsBefore;
            var a = (segment.ToRate - segment.FromRate) / (2 * segment.Length);
            var b = segment.FromRate;
            // Solve a·t² + b·t = n in the form that stays exact when a is 0 or tiny.
            var discriminant = b * b + 4 * a * n;
            var root = Math.Sqrt(Math.Max(discriminant, 0));
            var t = b + root == 0 ? 0 : 2 * n / (b + root);
            return TimeSpan.FromSeconds(segment.Start + Math.Clamp(t, 0, segment.Length));
        }

        return null;
    }

    /// <summary>Rate (arrivals per second) at <paramref name="offset"/>.</summary>
    public double RateAt(TimeSpan offset)
    {
        var t = offset.TotalSeconds;
        foreach (var segment in _segments)
        {
            if (t < segment.Start + segment.Length)
            {
                var fraction = segment.Length == 0 ? 1 : (t - segment.Start) / segment.Length;
                return segment.FromRate + (segment.ToRate - segment.FromRate) * Math.Clamp(fraction, 0, 1);
            }
        }

        return _segments.Length == 0 ? 0 : _segments[^1].ToRate;
    }
}
