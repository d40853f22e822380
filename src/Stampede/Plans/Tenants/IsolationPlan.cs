namespace Stampede.Plans.Tenants;

/// <summary>What an organisation should see once <see cref="IsolationPlan.Exhaust"/> has spent its budget.</summary>
public enum TenantExpectation
{
    /// <summary>Its requests are refused with 429 and the budget error after the budget is spent.</summary>
    Throttled,

    /// <summary>Its error rate and p95 latency stay within their tolerance of the phase before.</summary>
    Unaffected,
}

/// <summary>
/// Budget isolation as an assertion: once organisation <see cref="Exhaust"/> runs out of budget, it is throttled and
/// every other organisation goes on as before. Judged after the run from the per-tenant error and latency series;
/// the verdict (<c>isolated</c> or <c>leaked</c>) and its evidence are in the result.
/// </summary>
public sealed record IsolationPlan
{
    /// <summary>The tag of the organisation whose budget runs out (<c>org-2</c>).</summary>
    public required string Exhaust { get; init; }

    /// <summary>Expectations by tenant tag; <c>others</c> stands for every tenant not named. Default: the exhausted one throttled, others unaffected.</summary>
    public IReadOnlyDictionary<string, TenantExpectation> Expect { get; init; } = new Dictionary<string, TenantExpectation>();

    /// <summary>How much an unaffected tenant's error rate may rise, in points of share. Default 0.01 (1 %).</summary>
    public double ErrorRateTolerance { get; init; } = 0.01;

    /// <summary>How much an unaffected tenant's p95 may grow, as a share of the phase before. Default 0.5 (50 %).</summary>
    public double LatencyTolerance { get; init; } = 0.5;

    /// <summary>The key of <see cref="Expect"/> for every tenant not named.</summary>
    public const string Others = "others";

    /// <summary>What is expected of the tenant <paramref name="tenant"/>.</summary>
    public TenantExpectation ExpectationOf(string tenant) =>
        Expect.TryGetValue(tenant, out var named) ? named
        : tenant == Exhaust ? TenantExpectation.Throttled
        : Expect.TryGetValue(Others, out var others) ? others : TenantExpectation.Unaffected;
}
