namespace Stampede.Execution;

/// <summary>
/// Which of the whole plan's numbered items (VUs, iterations, arrivals) fall to one segment: the items at
/// <see cref="Positions"/> of every block of <see cref="Period"/>, so the segments of a sequence take turns through
/// the items instead of each taking a block of them. Both directions are O(1) (one division and an array read), so
/// an arrival schedule can map its own next arrival to the plan's without walking the ones it skips.
/// </summary>
internal sealed class IterationStripe
{
    public IterationStripe(long period, long[] positions)
    {
        Period = period;
        Positions = positions;
    }

    /// <summary>Every item: the stripe of a run without segments.</summary>
    public static IterationStripe Whole { get; } = new(1, [0]);

    /// <summary>The length of the block that repeats.</summary>
    public long Period { get; }

    /// <summary>This segment's places in each block, rising, each below <see cref="Period"/>.</summary>
    public IReadOnlyList<long> Positions { get; }

    public bool IsWhole => Period == 1;

    /// <summary>The plan-wide number of this segment's <paramref name="local"/>-th item (both from 0).</summary>
    public long Global(long local) => local / Positions.Count * Period + Positions[(int)(local % Positions.Count)];

    /// <summary>How many of the plan's first <paramref name="value"/> items are this segment's: its share of <paramref name="value"/>.</summary>
    public long CountBelow(long value)
    {
        var count = value / Period * Positions.Count;
        var rest = value % Period;
        for (var i = 0; i < Positions.Count && Positions[i] < rest; i++)
        {
            count++;
        }

        return count;
    }
}
