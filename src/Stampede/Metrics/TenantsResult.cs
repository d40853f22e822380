namespace Stampede.Metrics;

/// <summary>
/// What a plan's <c>tenants:</c> made of a run: one row per organisation (from its <c>tenant</c>-tagged series), what
/// cleanup deleted and could not, and the isolation verdict when the plan asked for one.
/// </summary>
public sealed record TenantsResult
{
    /// <summary>The run's id in the organisations' names.</summary>
    public required string RunId { get; init; }

    /// <summary>One row per organisation, in the plan's order.</summary>
    public IReadOnlyList<TenantRow> Tenants { get; init; } = [];

    /// <summary>Users whose samples share the <c>user</c> tag <c>other</c> because the plan caps distinct values.</summary>
    public int UsersPastTagCap { get; init; }

    /// <summary>What cleanup did; null when the plan or the command line kept the data.</summary>
    public TenantCleanupResult? Cleanup { get; init; }

    /// <summary>The manifest of what is still on the target (kept data, or what cleanup could not delete); null when nothing is left.</summary>
    public string? Manifest { get; init; }

    /// <summary>Setup's failure, when creating the organisations stopped half way.</summary>
    public string? SetupError { get; init; }

    /// <summary>The budget isolation verdict, when the plan asked for one.</summary>
    public IsolationResult? Isolation { get; init; }
}

/// <summary>One organisation's share of the run.</summary>
public sealed record TenantRow
{
    /// <summary>Its tag (<c>org-2</c>).</summary>
    public required string Tenant { get; init; }

    /// <summary>Its name on the target.</summary>
    public required string Organization { get; init; }

    /// <summary>Users created in it.</summary>
    public int Users { get; init; }

    /// <summary>HTTP and LLM requests its VUs made (an LLM request counted once).</summary>
    public double Requests { get; init; }

    /// <summary>Share of those requests that failed.</summary>
    public double ErrorRate { get; init; }

    /// <summary>p95 of <c>http_req_duration</c> (or, for LLM-only tenants, <c>llm_e2e</c>) in ms; null without samples.</summary>
    public double? P95Ms { get; init; }

    /// <summary>LLM spend in dollars (<c>llm_cost</c>).</summary>
    public double CostUsd { get; init; }
}

/// <summary>What cleanup deleted, and what it could not.</summary>
public sealed record TenantCleanupResult
{
    /// <summary>Organisations deleted (or already gone).</summary>
    public int DeletedOrganizations { get; init; }

    /// <summary>Users deleted (or already gone).</summary>
    public int DeletedUsers { get; init; }

    /// <summary>Keys revoked (or already gone).</summary>
    public int DeletedKeys { get; init; }

    /// <summary>Each thing that could not be deleted, with the target's last answer.</summary>
    public IReadOnlyList<string> Failures { get; init; } = [];

    /// <summary>The manifest listing what is left; null when nothing is.</summary>
    public string? Manifest { get; init; }
}

/// <summary>The budget isolation verdict with its evidence.</summary>
public sealed record IsolationResult
{
    /// <summary><c>isolated</c>, <c>leaked</c>, or <c>inconclusive</c> (the exhausted tenant's budget never ran out).</summary>
    public required string Verdict { get; init; }

    /// <summary>The tenant whose budget was to run out.</summary>
    public required string Exhaust { get; init; }

    /// <summary>The second of the run in which its first budget refusal came; null when none came.</summary>
    public int? ExhaustedAtSecond { get; init; }

    /// <summary>One line of evidence per tenant.</summary>
    public IReadOnlyList<IsolationEvidence> Evidence { get; init; } = [];
}

/// <summary>What one tenant showed before and after the budget ran out, against what was expected.</summary>
public sealed record IsolationEvidence
{
    /// <summary>The tenant.</summary>
    public required string Tenant { get; init; }

    /// <summary><c>throttled</c> or <c>unaffected</c>.</summary>
    public required string Expected { get; init; }

    /// <summary>Whether it behaved as expected.</summary>
    public bool Passed { get; init; }

    /// <summary>Error rate before the budget ran out.</summary>
    public double ErrorRateBefore { get; init; }

    /// <summary>Error rate after.</summary>
    public double ErrorRateAfter { get; init; }

    /// <summary>p95 latency before, in ms.</summary>
    public double? P95Before { get; init; }

    /// <summary>p95 latency after, in ms.</summary>
    public double? P95After { get; init; }

    /// <summary>Requests refused for budget (429) after the budget ran out.</summary>
    public long Throttled { get; init; }

    /// <summary>The judgement in words.</summary>
    public string Reason { get; init; } = "";
}
