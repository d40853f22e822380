namespace Stampede.DemoTarget.Faults;

/// <summary>
/// The server's capacity: <c>MaxConcurrency</c> requests at once, up to <c>MaxQueueLength</c> waiting for
/// at most <c>QueueTimeout</c>, the rest refused. Queueing makes latency climb before errors appear,
/// so a stress test sees a real knee instead of a cliff.
/// </summary>
internal sealed class ConcurrencyGate(int maxConcurrency, int maxQueueLength, TimeSpan queueTimeout) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(maxConcurrency, maxConcurrency);
    private long _queued;
    private long _rejected;

    public int Capacity => maxConcurrency;

    public long InFlight => maxConcurrency - _slots.CurrentCount;

    public long Queued => Interlocked.Read(ref _queued);

    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>True when a slot was taken (release it with <see cref="Release"/>); false when the request must be refused.</summary>
    public async ValueTask<bool> EnterAsync(CancellationToken cancellationToken)
    {
        if (_slots.Wait(0, CancellationToken.None))
        {
            return true;
        }

        if (Interlocked.Increment(ref _queued) > maxQueueLength)
        {
            Interlocked.Decrement(ref _queued);
            Interlocked.Increment(ref _rejected);
            return false;
        }

        try
        {
            if (await _slots.WaitAsync(queueTimeout, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            Interlocked.Increment(ref _rejected);
            return false;
        }
        finally
        {
            Interlocked.Decrement(ref _queued);
        }
    }

    public void Release() => _slots.Release();

    public void Dispose() => _slots.Dispose();
}
