using System.Globalization;
using Stampede.Plans.Tenants;

namespace Stampede.Execution.Tenancy;

/// <summary>One organisation the run will create: its tag, its name on the target, its budget and its users' e-mails.</summary>
internal sealed record PlannedOrganization(int Index, string Tag, string Slug, decimal? BudgetUsd, IReadOnlyList<string> UserEmails);

/// <summary>
/// What a <see cref="TenantPlan"/> creates, worked out before any call: how many organisations, their names with the
/// run's id, and each one's user count drawn from the plan's seed, so the same plan and run id give the same layout.
/// </summary>
internal static class TenantLayout
{
    /// <summary>The purpose of the tenant layout's random stream (see <see cref="Data.SeedMixer"/>).</summary>
    private const int Purpose = 0x7E4A;

    public static IReadOnlyList<PlannedOrganization> Of(TenantPlan plan, int seed, string runId)
    {
        var random = new Random(Data.SeedMixer.Mix(seed, 0, Purpose));
        var count = plan.OrganizationsMax is { } max ? random.Next(plan.Organizations, max + 1) : plan.Organizations;
        var organizations = new List<PlannedOrganization>(count);
        for (var index = 1; index <= count; index++)
        {
            var slug = SlugOf(plan.Name, index, runId);
            var tag = TenantPlan.TagOf(index);
            var users = plan.Users.Draw(random);
            var emails = new string[users];
            for (var u = 0; u < users; u++)
            {
                emails[u] = string.Create(CultureInfo.InvariantCulture, $"user-{u + 1}@{slug}.example");
            }

            organizations.Add(new PlannedOrganization(index, tag, slug, plan.Budgets.TryGetValue(tag, out var budget) ? budget : plan.BudgetUsd, emails));
        }

        return organizations;
    }

    /// <summary>The organisation's name: the pattern with its number and the run's id (appended when the pattern does not place it).</summary>
    public static string SlugOf(string pattern, int index, string runId)
    {
        var name = pattern.Replace("{index}", index.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return name.Contains("{run}", StringComparison.Ordinal) ? name.Replace("{run}", runId, StringComparison.Ordinal) : $"{name}-{runId}";
    }

    /// <summary>A fresh run id: eight hex digits, enough that two runs started together do not share one.</summary>
    public static string NewRunId() => Guid.NewGuid().ToString("N")[..8];
}
