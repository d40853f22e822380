namespace Stampede.Plans.Tenants;

/// <summary>
/// The organisations, users and keys a run creates on the target before its scenarios start, and deletes again after
/// them: <see cref="Organizations"/> organisations named from <see cref="Name"/> and the run's id, each with users drawn
/// from <see cref="Users"/>, each user with one key. Every VU acts as one user of one organisation: its samples carry
/// the <c>tenant</c> tag (<c>org-1</c>, <c>org-2</c>, …) and its iterations see the user's credentials.
/// </summary>
public sealed record TenantPlan
{
    /// <summary>Most organisations a plan may create.</summary>
    public const int MaxOrganizations = 1000;

    /// <summary>Most users one organisation may have.</summary>
    public const int MaxUsersPerOrganization = 10_000;

    /// <summary>Organisations to create; with <see cref="OrganizationsMax"/>, the least of a range. Default 1.</summary>
    public int Organizations { get; init; } = 1;

    /// <summary>When set, the number of organisations is drawn uniformly from <see cref="Organizations"/> to this (both included). Default null.</summary>
    public int? OrganizationsMax { get; init; }

    /// <summary>
    /// The organisation's name on the target; <c>{index}</c> is its number from 1 and <c>{run}</c> the run's id, which is
    /// appended after a dash when the pattern does not place it, so parallel runs never collide. Default <c>loadtest-org-{index}</c>.
    /// </summary>
    public string Name { get; init; } = "loadtest-org-{index}";

    /// <summary>Users per organisation. Default one.</summary>
    public UserCountDistribution Users { get; init; } = UserCountDistribution.Fixed(1);

    /// <summary>Each organisation's budget in dollars, sent as <c>{budget}</c>; default null (the target's own default).</summary>
    public decimal? BudgetUsd { get; init; }

    /// <summary>Budgets of single organisations by their tag (<c>org-2</c>), over <see cref="BudgetUsd"/>. Default none.</summary>
    public IReadOnlyDictionary<string, decimal> Budgets { get; init; } = new Dictionary<string, decimal>();

    /// <summary>How the target's tenancy API is called. Default <see cref="TenantApi.DemoTarget"/>.</summary>
    public TenantApi Api { get; init; } = TenantApi.DemoTarget;

    /// <summary>Tag samples with <c>user</c> too (at most <see cref="MaxUserTags"/> values, the rest as <c>other</c>). Default false.</summary>
    public bool TagUsers { get; init; }

    /// <summary>Distinct <c>user</c> tag values; users past it share the value <c>other</c>, and the result counts them. Default 100.</summary>
    public int MaxUserTags { get; init; } = 100;

    /// <summary>Leave what the run created on the target (no cleanup). Default false.</summary>
    public bool KeepData { get; init; }

    /// <summary>The run's id in names; default null: a fresh random one per run.</summary>
    public string? RunId { get; init; }

    /// <summary>
    /// A file that lists what has been created, kept up to date during setup and removed once cleanup deleted it all,
    /// so <c>stampede cleanup FILE</c> can delete what a crashed run left; <c>{run}</c> is the run's id. Default null: none.
    /// </summary>
    public string? Manifest { get; init; }

    /// <summary>Attempts per delete before cleanup reports it as left over. Default 3.</summary>
    public int CleanupAttempts { get; init; } = 3;

    /// <summary>The budget isolation assertion, judged after the run. Default null.</summary>
    public IsolationPlan? Isolation { get; init; }

    /// <summary>Cost and error-rate limits per tenant and overall that stop the run cleanly. Default null.</summary>
    public TenantLimits? Limits { get; init; }

    /// <summary>The <c>tenant</c> tag of organisation <paramref name="index"/> (from 1).</summary>
    public static string TagOf(int index) => $"org-{index}";
}
