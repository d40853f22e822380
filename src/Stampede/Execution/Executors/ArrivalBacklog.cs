using System.Collections.Concurrent;
using Stampede.Metrics;

namespace Stampede.Execution.Executors;

/// <summary>
/// Arrivals that found every VU busy, waiting first in first out for one to free (<c>overflow: queue</c>). Each
/// entry is the arrival's scheduled start, so the iteration that finally runs it measures its lateness and response
/// time from when the user arrived, not from when a VU was free: a stalled server shows in the percentiles instead
/// of vanishing from them, as it does when such arrivals are dropped. The scheduler adds, VUs that end an iteration
/// take; both are lock-free, and nothing here runs unless the scenario is saturated.
/// </summary>
internal sealed class ArrivalBacklog
{
    private readonly ConcurrentQueue<long> _due = new();
    private readonly int _capacity;
    private readonly long _maxWait;
    private readonly TimeProvider _time;
    private readonly CounterSeries _dropped;
    private readonly CounterSeries _queued;
    private int _count;

    public ArrivalBacklog(int capacity, TimeSpan maxWait, TimeProvider time, CounterSeries dropped, CounterSeries queued)
    {
        _capacity = capacity;
        _maxWait = (long)(maxWait.TotalSeconds * time.TimestampFrequency);
        _time = time;
        _dropped = dropped;
        _queued = queued;
    }

    /// <summary>Arrivals waiting now (may briefly count one being added or taken).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Queues the arrival due at <paramref name="due"/>; false when the backlog is full (the caller drops it).</summary>
    public bool TryAdd(long due)
    {
        if (Interlocked.Increment(ref _count) > _capacity)
        {
            Interlocked.Decrement(ref _count);
            return false;
        }

        _due.Enqueue(due);
        _queued.Add(1);
        return true;
    }

    /// <summary>
    /// Takes the oldest arrival still worth starting; arrivals that waited longer than the maximum wait are dropped
    /// on the way, and <paramref name="onDropped"/> is called for each.
    /// </summary>
    public bool TryTake(out long due, Action onDropped)
    {
        while (_due.TryDequeue(out due))
        {
            Interlocked.Decrement(ref _count);
            if (_time.GetTimestamp() - due <= _maxWait)
            {
                return true;
            }

            _dropped.Add(1);
            onDropped();
        }

        return false;
    }

    /// <summary>Drops every waiting arrival (the scenario is being stopped); returns how many.</summary>
    public int DropAll()
    {
        var dropped = 0;
        while (_due.TryDequeue(out _))
        {
            Interlocked.Decrement(ref _count);
            dropped++;
        }

        _dropped.Add(dropped);
        return dropped;
    }
}
