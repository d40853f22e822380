using Stampede.Metrics;

namespace Stampede.Execution;

/// <summary>
/// Watches the load generator itself, once a second on the engine's tick: thread-pool scheduling lag (a probe work
/// item's wait for a thread), the pool's queue length, GC pause time and the process's CPU. When the harness is
/// starved its timestamps are late too, so these say whether the run's latencies can be trusted;
/// <see cref="Outputs.HarnessWarnings"/> turns them into plain words for the summary.
/// </summary>
internal sealed class HarnessMonitor : IThreadPoolWorkItem
{
    private readonly TimeProvider _time;
    private readonly TrendSeries _lag;
    private readonly GaugeSeries _queue;
    private readonly CounterSeries _gcPause;
    private readonly GaugeSeries _cpu;
    private long _probeQueued;
    private int _probePending;
    private long _lastSample;
    private TimeSpan _lastCpu;
    private TimeSpan _lastGcPause;

    public HarnessMonitor(MetricRegistry registry, TimeProvider time)
    {
        _time = time;
        _lag = registry.Trend(BuiltinMetrics.HarnessSchedulingLag, TagSet.Empty);
        _queue = registry.Gauge(BuiltinMetrics.HarnessThreadPoolQueue, TagSet.Empty);
        _gcPause = registry.Counter(BuiltinMetrics.HarnessGcPause, TagSet.Empty);
        _cpu = registry.Gauge(BuiltinMetrics.HarnessCpu, TagSet.Empty);
        _lastSample = time.GetTimestamp();
        _lastCpu = Environment.CpuUsage.TotalTime;
        _lastGcPause = GC.GetTotalPauseDuration();
    }

    /// <summary>Takes one sample; call once a tick.</summary>
    public void Sample()
    {
        var now = _time.GetTimestamp();
        if (Interlocked.Exchange(ref _probePending, 1) == 0)
        {
            Volatile.Write(ref _probeQueued, now);
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        _queue.Set(ThreadPool.PendingWorkItemCount);
        var pause = GC.GetTotalPauseDuration();
        _gcPause.Add((pause - _lastGcPause).TotalMilliseconds);
        _lastGcPause = pause;
        var cpu = Environment.CpuUsage.TotalTime;
        var wall = _time.GetElapsedTime(_lastSample, now);
        if (wall > TimeSpan.Zero)
        {
            _cpu.Set(100 * (cpu - _lastCpu) / wall);
        }

        _lastCpu = cpu;
        _lastSample = now;
    }

    void IThreadPoolWorkItem.Execute()
    {
        _lag.Record(_time.GetElapsedTime(Volatile.Read(ref _probeQueued)));
        Volatile.Write(ref _probePending, 0);
    }
}
