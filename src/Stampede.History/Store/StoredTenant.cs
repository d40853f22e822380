using Stampede.Metrics;

namespace Stampede.History.Store;

/// <summary>
/// One tenant's row of a stored run (table <c>run_tenants</c>): what a plan's <c>tenants:</c> made of the run for one
/// organisation, kept as columns so that a tenant's cost or p95 across runs is a query, not a JSON parse per run.
/// </summary>
public sealed record StoredTenant
{
    /// <summary>Its tag (<c>org-2</c>).</summary>
    public required string Tenant { get; init; }

    /// <summary>Its name on the target.</summary>
    public required string Organization { get; init; }

    /// <summary>Users created in it.</summary>
    public int Users { get; init; }

    /// <summary>HTTP and LLM requests its VUs made.</summary>
    public double Requests { get; init; }

    /// <summary>Requests that failed.</summary>
    public long Errors { get; init; }

    /// <summary>Share of requests that failed (0–1).</summary>
    public double ErrorRate { get; init; }

    /// <summary>p95 latency in ms; null without samples.</summary>
    public double? P95Ms { get; init; }

    /// <summary>LLM spend in dollars.</summary>
    public double CostUsd { get; init; }

    /// <summary>The row of <paramref name="row"/>.</summary>
    public static StoredTenant From(TenantRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new()
        {
            Tenant = row.Tenant,
            Organization = row.Organization,
            Users = row.Users,
            Requests = row.Requests,
            // The result keeps the share; the count it was worked out from comes back exactly, rounded.
            Errors = (long)Math.Round(row.Requests * row.ErrorRate),
            ErrorRate = row.ErrorRate,
            P95Ms = row.P95Ms,
            CostUsd = row.CostUsd,
        };
    }

    /// <summary>As a result's tenant row, for the outputs that print one.</summary>
    public TenantRow ToRow() => new()
    {
        Tenant = Tenant,
        Organization = Organization,
        Users = Users,
        Requests = Requests,
        ErrorRate = ErrorRate,
        P95Ms = P95Ms,
        CostUsd = CostUsd,
    };
}
