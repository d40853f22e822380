namespace Stampede.Data.DataSets;

/// <summary>
/// The run-wide position of a data set read in <see cref="PickMode.Unique"/> mode: one per data set per run,
/// shared by every VU's <see cref="DataCursor"/>. Thread-safe.
/// </summary>
public sealed class SharedDataPosition
{
    private long _next;

    /// <summary>How many rows have been handed out so far.</summary>
    public long Taken => Interlocked.Read(ref _next);

    /// <summary>Claims the next position (from 0); each position is returned to exactly one caller.</summary>
    internal long Take() => Interlocked.Increment(ref _next) - 1;
}
