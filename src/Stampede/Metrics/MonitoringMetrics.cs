namespace Stampede.Metrics;

/// <summary>The metrics watching and shaking the target records.</summary>
public static class MonitoringMetrics
{
    /// <summary>Failed scrapes of the target's Prometheus endpoint (counter).</summary>
    public static readonly Metric ScrapeErrors = new("monitor_scrape_errors", MetricKind.Counter);

    /// <summary>The target process's CPU use in percent of one core, sampled each second (trend).</summary>
    public static readonly Metric TargetCpuPercent = new("target_cpu_percent", MetricKind.Trend);

    /// <summary>The target process's resident memory, sampled each second (trend, bytes).</summary>
    public static readonly Metric TargetRssBytes = new("target_rss_bytes", MetricKind.Trend, MetricUnit.Data);

    /// <summary>The target process's threads, sampled each second (trend).</summary>
    public static readonly Metric TargetThreads = new("target_threads", MetricKind.Trend);

    /// <summary>The target process's open file descriptors, sampled each second (trend).</summary>
    public static readonly Metric TargetOpenFds = new("target_open_fds", MetricKind.Trend);

    /// <summary>Per fault: its start → the first second the errors or p95 left their bounds, in ms (trend), tagged <c>fault</c>.</summary>
    public static readonly Metric DetectionTime = new("detection_time", MetricKind.Trend, MetricUnit.Time);

    /// <summary>Per fault: its start → the first second from which the target stayed within bounds, in ms (trend), tagged <c>fault</c>.</summary>
    public static readonly Metric RecoveryTime = new("recovery_time", MetricKind.Trend, MetricUnit.Time);

    /// <summary>Per fault: successful requests fewer than the baseline rate would have given while it lasted (counter), tagged <c>fault</c>.</summary>
    public static readonly Metric RequestsLost = new("requests_lost", MetricKind.Counter);

    /// <summary>Every metric above.</summary>
    public static IReadOnlyList<Metric> All { get; } =
        [ScrapeErrors, TargetCpuPercent, TargetRssBytes, TargetThreads, TargetOpenFds, DetectionTime, RecoveryTime, RequestsLost];

    /// <summary>
    /// The metric a scraped series is recorded in: a trend of the same name (':' becomes '_'), in bytes when the name
    /// ends in <c>_bytes</c> (so large values keep their precision), a plain number otherwise.
    /// </summary>
    public static Metric Scraped(string name)
    {
        var clean = name.Replace(':', '_');
        return new Metric(clean, MetricKind.Trend, clean.EndsWith("_bytes", StringComparison.Ordinal) ? MetricUnit.Data : MetricUnit.None);
    }
}
