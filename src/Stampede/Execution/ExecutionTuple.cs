using Stampede.Plans;

namespace Stampede.Execution;

/// <summary>
/// A segment in its sequence (k6's execution tuple): the stripe that decides which of the plan's numbered items are
/// the segment's. The stripe follows k6's: the period is the least common denominator of the segments' lengths, and
/// each place of a period goes to the segment furthest behind its share, the longer segments first on a tie; so any
/// value's shares over the segments add up to the value, and the shares of segments of one sequence never overlap.
/// </summary>
internal sealed class ExecutionTuple
{
    private readonly IReadOnlyList<ExecutionSegment> _sequence;
    private readonly int _index;
    private readonly IterationStripe[] _stripes;

    private ExecutionTuple(IReadOnlyList<ExecutionSegment> sequence, int index)
    {
        _sequence = sequence;
        _index = index;
        _stripes = Stripes(sequence);
    }

    /// <summary>The whole plan: every share is the whole value.</summary>
    public static ExecutionTuple Whole { get; } = new([ExecutionSegment.Whole], 0);

    /// <summary>The segment in <paramref name="sequence"/> (or alone); the pair must have passed <see cref="ExecutionSegmentSequence.Check"/>.</summary>
    public static ExecutionTuple For(ExecutionSegment segment, ExecutionSegmentSequence? sequence)
    {
        var filled = ExecutionSegmentSequence.Filled(sequence, segment);
        var index = filled.ToList().IndexOf(segment);
        return index < 0 ? throw new ArgumentException($"segment {segment} is not in the sequence", nameof(segment)) : new ExecutionTuple(filled, index);
    }

    public ExecutionSegment Segment => _sequence[_index];

    public bool IsWhole => _sequence.Count == 1;

    /// <summary>This segment's places among the plan's numbered items.</summary>
    public IterationStripe Stripe => _stripes[_index];

    /// <summary>This segment's share of <paramref name="value"/> VUs or iterations.</summary>
    public long Scale(long value) => IsWhole ? value : Stripe.CountBelow(value);

    /// <summary>This segment's share of <paramref name="value"/>, as an <see cref="int"/> (the options' type).</summary>
    public int Scale(int value) => (int)Scale((long)value);

    /// <summary>
    /// The tuple re-cut to <paramref name="value"/> whole items (k6 re-cuts a scenario's tuple to its VUs before it
    /// stripes the scenario's iterations or arrivals): each segment's new length is its share of the value over the
    /// value, segments with no share left out. So a segment that holds some of the scenario's VUs also gets some of
    /// its iterations, and one that holds none gets none. Null when this segment's share of the value is 0.
    /// </summary>
    public ExecutionTuple? ForValue(long value)
    {
        var period = _stripes[0].Period;
        if (IsWhole || value % period == 0)
        {
            return this;
        }

        var segments = new List<ExecutionSegment>();
        var index = -1;
        long before = 0;
        for (var i = 0; i < _sequence.Count; i++)
        {
            var share = _stripes[i].CountBelow(value);
            if (share == 0)
            {
                continue;
            }

            if (i == _index)
            {
                index = segments.Count;
            }

            ExecutionSegment.TryCreate(new Rational(before, value), new Rational(before + share, value), out var segment, out _);
            segments.Add(segment!);
            before += share;
        }

        return index < 0 ? null : new ExecutionTuple(segments, index);
    }

    private static IterationStripe[] Stripes(IReadOnlyList<ExecutionSegment> sequence)
    {
        var period = System.Numerics.BigInteger.One;
        foreach (var segment in sequence)
        {
            var denominator = (segment.End - segment.Start).Denominator;
            period = period / System.Numerics.BigInteger.GreatestCommonDivisor(period, denominator) * denominator;
        }

        var lcd = (long)period;

        // Each segment's places per period (its length in periods), longest first; a stable order keeps ties in sequence order.
        var shares = sequence.Select((s, i) => (Share: (long)((s.End - s.Start).Numerator * (lcd / (long)(s.End - s.Start).Denominator)), Index: i))
            .OrderByDescending(s => s.Share).ToArray();
        var chosen = new long[shares.Length];
        var positions = sequence.Select(_ => new List<long>()).ToArray();
        for (long place = 0; place < lcd; place++)
        {
            for (var k = 0; k < shares.Length; k++)
            {
                // Segment k's next place is due at chosen·lcd/share; it takes this place once that is reached.
                var due = chosen[k] * lcd;
                var whole = due / shares[k].Share;
                if (place > whole || (place == whole && due % shares[k].Share == 0))
                {
                    chosen[k]++;
                    positions[shares[k].Index].Add(place);
                    break;
                }
            }
        }

        return [.. positions.Select(p => new IterationStripe(lcd, [.. p]))];
    }
}
