namespace Stampede.Plans.Monitoring;

/// <summary>
/// Scrape a Prometheus <c>/metrics</c> endpoint of the target during the run. Each selected series becomes a
/// Stampede trend of the same name (labels become tags): gauges record their value at each scrape, cumulative series
/// (counters, histogram and summary <c>_bucket</c>/<c>_sum</c>/<c>_count</c>) record their per-second increase.
/// </summary>
public sealed record PrometheusScrapeOptions
{
    /// <summary>The endpoint, e.g. <c>http://127.0.0.1:5000/metrics</c>.</summary>
    public required Uri Url { get; init; }

    /// <summary>Time between scrapes. Default 1s.</summary>
    public TimeSpan Every { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest a scrape may take before it counts as failed. Default 2s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Sample or family names to keep (a family name keeps all its series, e.g. a histogram's buckets). These names
    /// are declared as metrics, so thresholds may name them. Default empty: keep every series of the page.
    /// </summary>
    public IReadOnlyList<string> Select { get; init; } = [];
}
