namespace Stampede.Plans.Monitoring;

/// <summary>What to watch on the target while the run goes (the plan's <c>monitor:</c>).</summary>
public sealed record MonitorPlan
{
    /// <summary>Scrape the target's Prometheus endpoint. Default null: no scraping.</summary>
    public PrometheusScrapeOptions? Prometheus { get; init; }

    /// <summary>Read values out of a JSON endpoint of the target. Default null: none.</summary>
    public JsonScrapeOptions? Json { get; init; }
}
