using Stampede.Metrics;

namespace Stampede.Monitoring.Processes;

/// <summary>
/// Samples a local target process (and its descendants) from <c>/proc</c> once a second on the engine's tick:
/// <c>target_cpu_percent</c> (of one core), <c>target_rss_bytes</c>, <c>target_threads</c>, <c>target_open_fds</c>.
/// A process that is gone (between a restart's stop and start, say) is simply not sampled.
/// </summary>
internal sealed class ProcessSampler
{
    private readonly Func<int?> _pid;
    private readonly TimeProvider _time;
    private readonly TrendSeries _cpu;
    private readonly TrendSeries _rss;
    private readonly TrendSeries _threads;
    private readonly TrendSeries _fds;
    private readonly long _pageSize = Environment.SystemPageSize;
    private (int Pid, long Ticks, long At)? _last;

    /// <summary>Samples the process <paramref name="pid"/> returns each time (it changes when the target restarts; null when none runs).</summary>
    public ProcessSampler(Func<int?> pid, MetricRegistry registry, TimeProvider time)
    {
        _pid = pid;
        _time = time;
        _cpu = registry.Trend(MonitoringMetrics.TargetCpuPercent, TagSet.Empty);
        _rss = registry.Trend(MonitoringMetrics.TargetRssBytes, TagSet.Empty);
        _threads = registry.Trend(MonitoringMetrics.TargetThreads, TagSet.Empty);
        _fds = registry.Trend(MonitoringMetrics.TargetOpenFds, TagSet.Empty);
    }

    /// <summary>Takes one sample; returns false when there was no process to sample.</summary>
    public bool Sample()
    {
        if (_pid() is not { } pid || !ProcessTree.IsSupported)
        {
            return false;
        }

        var now = _time.GetTimestamp();
        var tree = ProcessTree.Read(pid);
        if (tree.Count == 0)
        {
            _last = null;
            return false;
        }

        var ticks = tree.Sum(s => s.CpuTicks);
        if (_last is { } last && last.Pid == pid && _time.GetElapsedTime(last.At, now).TotalSeconds is > 0 and var seconds)
        {
            _cpu.Record(Math.Max(0, 100 * (ticks - last.Ticks) / ProcessTree.TicksPerSecond / seconds));
        }

        _last = (pid, ticks, now);
        _rss.Record(tree.Sum(s => s.RssPages) * (double)_pageSize);
        _threads.Record(tree.Sum(s => s.Threads));
        _fds.Record(tree.Sum(s => ProcessTree.OpenFds(s.Pid) ?? 0));
        return true;
    }
}
