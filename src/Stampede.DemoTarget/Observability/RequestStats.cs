using System.Collections.Concurrent;

namespace Stampede.DemoTarget.Observability;

/// <summary>Counts and latency histogram of one route and method; recorded lock-free.</summary>
internal sealed class RequestStats
{
    public static readonly double[] Bounds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly long[] _buckets = new long[Bounds.Length];
    private readonly ConcurrentDictionary<int, StrongBoxCounter> _statuses = new();
    private long _count;
    private long _sumMicroseconds;

    public long Count => Interlocked.Read(ref _count);

    public double SumSeconds => Interlocked.Read(ref _sumMicroseconds) / 1e6;

    public void Record(int status, TimeSpan duration)
    {
        var seconds = duration.TotalSeconds;
        var index = Array.BinarySearch(Bounds, seconds);
        if (index < 0)
        {
            index = ~index;
        }

        if (index < _buckets.Length)
        {
            Interlocked.Increment(ref _buckets[index]);
        }

        Interlocked.Add(ref _sumMicroseconds, (long)(seconds * 1e6));
        Interlocked.Increment(ref _count);
        var counter = _statuses.GetOrAdd(status, static _ => new StrongBoxCounter());
        Interlocked.Increment(ref counter.Value);
    }

    public long[] BucketCounts()
    {
        var copy = new long[_buckets.Length];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = Interlocked.Read(ref _buckets[i]);
        }

        return copy;
    }

    public IEnumerable<(int Status, long Count)> StatusCounts() =>
        _statuses.OrderBy(p => p.Key).Select(p => (p.Key, Interlocked.Read(ref p.Value.Value)));

    internal sealed class StrongBoxCounter
    {
        public long Value;
    }
}
