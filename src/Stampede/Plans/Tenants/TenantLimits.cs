namespace Stampede.Plans.Tenants;

/// <summary>
/// Limits that stop the run cleanly, with the reason, once a tenant (or all of them together) spends or fails too
/// much. Error rates are shares of LLM and HTTP requests since the start, judged once at least
/// <see cref="MinRequests"/> were made.
/// </summary>
public sealed record TenantLimits
{
    /// <summary>Most dollars any one tenant may spend. Default none.</summary>
    public decimal? CostPerTenantUsd { get; init; }

    /// <summary>Most dollars all tenants together may spend. Default none.</summary>
    public decimal? CostUsd { get; init; }

    /// <summary>Largest share of failed requests of any one tenant. Default none.</summary>
    public double? ErrorRatePerTenant { get; init; }

    /// <summary>Largest share of failed requests over all tenants. Default none.</summary>
    public double? ErrorRate { get; init; }

    /// <summary>Requests a tenant (or the run) must have made before its error rate is judged. Default 20.</summary>
    public int MinRequests { get; init; } = 20;
}
