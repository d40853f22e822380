namespace Stampede.Data.DataSets;

/// <summary>
/// One VU's way through one <see cref="DataSet"/>. Create one per VU per data set; a cursor is used by one VU at a
/// time, while <see cref="PickMode.Unique"/> cursors coordinate through their thread-safe <see cref="SharedDataPosition"/>.
/// </summary>
public sealed class DataCursor
{
    private readonly DataSet _set;
    private readonly PickMode _mode;
    private readonly ExhaustedBehaviour _onExhausted;
    private readonly SharedDataPosition _shared;
    private readonly Random _random;
    private readonly int _start;
    private long _taken;

    /// <summary>Creates a cursor.</summary>
    /// <param name="set">The rows.</param>
    /// <param name="mode">How rows are picked.</param>
    /// <param name="onExhausted">What happens once every row this cursor may use was used (not applicable to <see cref="PickMode.Random"/>).</param>
    /// <param name="shared">The run-wide position for <paramref name="set"/>, shared by every VU (used by <see cref="PickMode.Unique"/>).</param>
    /// <param name="random">The VU's seeded random source (used by <see cref="PickMode.Random"/>).</param>
    /// <param name="vuId">The VU's number from 1; with <see cref="PickMode.Sequential"/> VU <c>i</c> starts at row <c>(i - 1) mod N</c>. Default 1.</param>
    public DataCursor(DataSet set, PickMode mode, ExhaustedBehaviour onExhausted, SharedDataPosition shared, Random random, int vuId = 1)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(shared);
        ArgumentNullException.ThrowIfNull(random);
        _set = set;
        _mode = mode;
        _onExhausted = onExhausted;
        _shared = shared;
        _random = random;
        _start = set.Count == 0 ? 0 : (int)((uint)(vuId - 1) % (uint)set.Count);
    }

    /// <summary>The row most recently returned by <see cref="Next"/>, or null before the first call or once exhausted.</summary>
    public IReadOnlyDictionary<string, string>? Current { get; private set; }

    /// <summary>The next row, or null when the cursor is exhausted with <see cref="ExhaustedBehaviour.Stop"/> (or the set is empty): the caller ends the VU.</summary>
    public IReadOnlyDictionary<string, string>? Next()
    {
        var count = _set.Count;
        if (count == 0)
        {
            return Current = null;
        }

        long index;
        switch (_mode)
        {
            case PickMode.Random:
                index = _random.Next(count);
                break;
            case PickMode.Unique:
                index = _shared.Take();
                if (index >= count && _onExhausted == ExhaustedBehaviour.Stop)
                {
                    return Current = null;
                }

                index %= count;
                break;
            default:
                if (_taken >= count && _onExhausted == ExhaustedBehaviour.Stop)
                {
                    return Current = null;
                }

                index = (_start + _taken) % count;
                _taken++;
                break;
        }

        return Current = _set[(int)index];
    }
}
