namespace Stampede.DemoTarget.Tenancy;

/// <summary>A tenant of the AI endpoints: its users, its budget and what it has spent.</summary>
internal sealed class Organization(string slug, decimal budgetUsd)
{
    // Spend is kept in nano-dollars so it can be added to with Interlocked from many requests at once.
    private long _spentNanoUsd;
    private long _requests;

    public string Slug { get; } = slug;

    public decimal BudgetUsd { get; } = budgetUsd;

    public decimal SpentUsd => Interlocked.Read(ref _spentNanoUsd) / 1_000_000_000m;

    public long Requests => Interlocked.Read(ref _requests);

    public bool OverBudget => SpentUsd >= BudgetUsd;

    public Dictionary<string, OrgUser> Users { get; } = new(StringComparer.Ordinal);

    public void Record(decimal costUsd)
    {
        Interlocked.Add(ref _spentNanoUsd, (long)(costUsd * 1_000_000_000m));
        Interlocked.Increment(ref _requests);
    }
}
