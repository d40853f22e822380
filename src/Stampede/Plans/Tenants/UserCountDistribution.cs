namespace Stampede.Plans.Tenants;

/// <summary>
/// How many users each organisation gets: a fixed number, uniform between two bounds, or normal around a mean. Drawn
/// once per organisation from the plan's seed, so the same plan creates the same organisations every run.
/// </summary>
public abstract record UserCountDistribution
{
    private protected UserCountDistribution()
    {
    }

    /// <summary>Every organisation gets <paramref name="count"/> users.</summary>
    public static UserCountDistribution Fixed(int count) => new FixedUserCount(count);

    /// <summary>Each organisation gets from <paramref name="min"/> to <paramref name="max"/> users (both included), uniformly.</summary>
    public static UserCountDistribution Uniform(int min, int max) => new UniformUserCount(min, max);

    /// <summary>Each organisation gets a normal draw around <paramref name="mean"/>, rounded, and at least one user.</summary>
    public static UserCountDistribution Gaussian(double mean, double stdDev) => new GaussianUserCount(mean, stdDev);

    /// <summary>One organisation's user count.</summary>
    public abstract int Draw(Random random);

    /// <summary>Problems with the parameters, each prefixed by <paramref name="path"/>.</summary>
    internal abstract void Validate(string path, List<PlanError> errors);
}

/// <summary>The same number of users in every organisation.</summary>
public sealed record FixedUserCount(int Count) : UserCountDistribution
{
    /// <inheritdoc />
    public override int Draw(Random random) => Count;

    internal override void Validate(string path, List<PlanError> errors)
    {
        if (Count is < 1 or > TenantPlan.MaxUsersPerOrganization)
        {
            errors.Add(new PlanError(path, $"must be from 1 to {TenantPlan.MaxUsersPerOrganization}, got {Count}"));
        }
    }
}

/// <summary>Users per organisation uniform from <see cref="Min"/> to <see cref="Max"/>, both included.</summary>
public sealed record UniformUserCount(int Min, int Max) : UserCountDistribution
{
    /// <inheritdoc />
    public override int Draw(Random random) => random.Next(Min, Max + 1);

    internal override void Validate(string path, List<PlanError> errors)
    {
        if (Min < 1)
        {
            errors.Add(new PlanError(path + ".min", $"must be at least 1, got {Min}"));
        }

        if (Max < Min || Max > TenantPlan.MaxUsersPerOrganization)
        {
            errors.Add(new PlanError(path + ".max", $"must be from min ({Min}) to {TenantPlan.MaxUsersPerOrganization}, got {Max}"));
        }
    }
}

/// <summary>Users per organisation normal around <see cref="Mean"/> with <see cref="StdDev"/>, rounded, at least 1.</summary>
public sealed record GaussianUserCount(double Mean, double StdDev) : UserCountDistribution
{
    /// <inheritdoc />
    public override int Draw(Random random)
    {
        // Box–Muller on the plan's own random source: Random has no normal draw, and the count must repeat per seed.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        var z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return (int)Math.Clamp(Math.Round(Mean + (StdDev * z)), 1, TenantPlan.MaxUsersPerOrganization);
    }

    internal override void Validate(string path, List<PlanError> errors)
    {
        if (!double.IsFinite(Mean) || Mean < 1 || Mean > TenantPlan.MaxUsersPerOrganization)
        {
            errors.Add(new PlanError(path + ".mean", $"must be from 1 to {TenantPlan.MaxUsersPerOrganization}, got {Mean}"));
        }

        if (!double.IsFinite(StdDev) || StdDev < 0)
        {
            errors.Add(new PlanError(path + ".stddev", $"must not be negative, got {StdDev}"));
        }
    }
}
