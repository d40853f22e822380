namespace Stampede.Plans.Monitoring;

/// <summary>
/// Read a JSON endpoint of the target during the run (a health page, a status document), beside or instead of a
/// Prometheus scrape: each selected value becomes a trend of its name, recorded at every read, so thresholds judge
/// it as they judge scraped metrics. A number is recorded as is, <c>true</c>/<c>false</c> as 1/0, a string that
/// reads as a number as that number; anything else (missing, an object) is skipped for that read.
/// </summary>
public sealed record JsonScrapeOptions
{
    /// <summary>The endpoint, e.g. <c>http://127.0.0.1:5000/api/health/details</c>.</summary>
    public required Uri Url { get; init; }

    /// <summary>Time between reads. Default 1s.</summary>
    public TimeSpan Every { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest a read may take before it counts as failed. Default 2s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Metric name → JSON path of its value (<c>backend_loop_hz</c> → <c>$.loop.hz</c>). At least one.</summary>
    public required IReadOnlyDictionary<string, string> Select { get; init; }
}
