using Stampede.Metrics;

namespace Stampede.Execution;

/// <summary>
/// Watches the load generator itself, once a second on the engine's tick: thread-pool scheduling lag (a probe work
/// item's wait for a thread), the pool's queue length, GC pause time and the process's CPU. When the harness is
/// starved its timestamps are late too, so these say whether the run's latencies can be trusted;
/// <see cref="Warnings"/> turns them into plain words for the summary.
/// </summary>
internal sealed class HarnessMonitor : IThreadPoolWorkItem
{
    /// <summary>p95 scheduling lag above which latencies below a few milliseconds are not trustworthy.</summary>
    public const double LagWarningMs = 10;

    /// <summary>GC pauses above this share of the run distort tail latencies.</summary>
    public const double GcPauseWarningShare = 0.02;

    /// <summary>CPU above this share of all cores leaves the harness queueing its own work.</summary>
    public const double CpuWarningShare = 0.85;

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

    /// <summary>Plain-words warnings when the harness was busy enough to distort the figures; empty when healthy.</summary>
    public static IReadOnlyList<string> Warnings(RunResult result)
    {
        var warnings = new List<string>();
        if (result.Metric(BuiltinMetrics.HarnessSchedulingLag.Name)?.Values.P95 is > LagWarningMs and var lag)
        {
            warnings.Add($"Stampede's own scheduling lag reached p95={lag:0.#}ms: timings finer than that are unreliable (more cores, fewer VUs, or a second load generator).");
        }

        if (result.Metric(BuiltinMetrics.HarnessGcPause.Name)?.Values.Count is { } pause && result.Meta.DurationSeconds > 0
            && pause / (result.Meta.DurationSeconds * 1000) > GcPauseWarningShare)
        {
            warnings.Add($"Stampede paused {pause:0}ms for garbage collection ({100 * pause / (result.Meta.DurationSeconds * 1000):0.#}% of the run): tail latencies include those pauses.");
        }

        if (result.Metric(BuiltinMetrics.HarnessCpu.Name)?.Values.Max is { } cpu && cpu / 100 > CpuWarningShare * Environment.ProcessorCount)
        {
            warnings.Add($"Stampede used up to {cpu:0}% CPU of {Environment.ProcessorCount * 100}%: the load generator itself may be the bottleneck.");
        }

        return warnings;
    }
}
