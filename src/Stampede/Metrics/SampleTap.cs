using System.Collections.Concurrent;
using System.Diagnostics;

namespace Stampede.Metrics;

/// <summary>
/// Every raw sample, for an output that asked for them (<c>--out ndjson=FILE?samples=true</c>). Only then do series
/// get a tap: recording a sample then also costs one lock-free enqueue, which is why it is opt-in. The tick drains
/// it; past <see cref="MaxPending"/> waiting samples new ones are counted as dropped rather than held.
/// </summary>
public sealed class SampleTap
{
    /// <summary>Samples held before new ones are dropped.</summary>
    public const int MaxPending = 1_000_000;

    private readonly ConcurrentQueue<RawSample> _queue = new();
    private int _pending;
    private long _dropped;

    /// <summary>Samples dropped because the reader fell behind.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    internal void Write(Series series, double value)
    {
        if (Interlocked.Increment(ref _pending) > MaxPending)
        {
            Interlocked.Decrement(ref _pending);
            Interlocked.Increment(ref _dropped);
            return;
        }

        _queue.Enqueue(new RawSample(series, value, Stopwatch.GetTimestamp()));
    }

    /// <summary>Takes the oldest waiting sample.</summary>
    public bool TryRead(out RawSample sample)
    {
        if (_queue.TryDequeue(out sample))
        {
            Interlocked.Decrement(ref _pending);
            return true;
        }

        return false;
    }
}

/// <summary>One recorded sample: its series (metric and tags), its value and when it was recorded (a Stopwatch timestamp).</summary>
public readonly record struct RawSample(Series Series, double Value, long Timestamp);
