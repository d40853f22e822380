namespace Stampede.DemoTarget.Observability;

/// <summary>
/// A background loop that aims to tick at a fixed frequency and measures how often it really ticks.
/// Late ticks are not caught up: when the thread pool is starved the loop ticks less often, so
/// <c>backend_loop_hz</c> drops below its target exactly when the server is overloaded.
/// </summary>
internal sealed class LoopFrequencyMonitor
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private readonly TimeProvider _time;
    private readonly TimeSpan _period;
    private readonly int _targetHz;
    private double _hz;
    private long _totalTicks;

    public LoopFrequencyMonitor(TimeProvider time, int targetHz)
    {
        _time = time;
        _targetHz = targetHz;
        _period = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / targetHz);
        _hz = targetHz;
    }

    /// <summary>Ticks per second over the last whole window; the target until the first window ends.</summary>
    public double Hz => Volatile.Read(ref _hz);

    public int TargetHz => _targetHz;

    /// <summary>Ticks since the loop started.</summary>
    public long TotalTicks => Interlocked.Read(ref _totalTicks);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var windowStart = _time.GetTimestamp();
        var period = TicksOf(_period);
        var next = windowStart + period;
        var ticks = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var now = _time.GetTimestamp();
                if (next > now)
                {
                    await Task.Delay(_time.GetElapsedTime(now, next), _time, cancellationToken).ConfigureAwait(false);
                }

                await BehindQueuedWorkAsync().ConfigureAwait(false);

                ticks++;
                var elapsed = _time.GetElapsedTime(windowStart);
                if (elapsed >= Window)
                {
                    Volatile.Write(ref _hz, ticks / elapsed.TotalSeconds);
                    ticks = 0;
                    windowStart = _time.GetTimestamp();
                }

                Interlocked.Increment(ref _totalTicks);
                next += period;
                now = _time.GetTimestamp();
                if (next <= now)
                {
                    // More than a whole period late: drop the missed ticks rather than burst to catch up.
                    next = now + period;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is the normal way out.
        }
    }

    /// <summary>
    /// Continues on the thread pool's global queue, behind every request waiting there. A timer alone fires on time
    /// even when requests queue for seconds; this hop makes each tick wait as long as a new request would.
    /// </summary>
    private static Task BehindQueuedWorkAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ThreadPool.UnsafeQueueUserWorkItem(static state => state.TrySetResult(), done, preferLocal: false);
        return done.Task;
    }

    private long TicksOf(TimeSpan span) => (long)(span.Ticks * (double)_time.TimestampFrequency / TimeSpan.TicksPerSecond);
}
