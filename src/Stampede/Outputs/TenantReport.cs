using System.Globalization;
using Stampede.Metrics;

namespace Stampede.Outputs;

/// <summary>What every output says about a run's tenants the same way: the per-organisation rows, cleanup and the isolation verdict.</summary>
internal static class TenantReport
{
    /// <summary>The column titles of a tenant table.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["tenant", "organisation", "users", "requests", "errors", "p95", "cost"];

    /// <summary>One row's cells, in <see cref="Columns"/> order.</summary>
    public static IReadOnlyList<string> Cells(TenantRow row) =>
    [
        row.Tenant, row.Organization, row.Users.ToString(CultureInfo.InvariantCulture), ValueFormat.Number(row.Requests, 0),
        ValueFormat.Percent(row.ErrorRate), row.P95Ms is { } p95 ? ValueFormat.Milliseconds(p95) : "-", Dollars(row.CostUsd),
    ];

    public static string Dollars(double usd) => string.Create(CultureInfo.InvariantCulture, $"${usd:0.00####}");

    /// <summary>One line on cleanup: what was deleted, what was kept, what could not be deleted.</summary>
    public static string Cleanup(TenantCleanupResult cleanup) =>
        string.Create(CultureInfo.InvariantCulture, $"cleanup: deleted {cleanup.DeletedKeys} keys, {cleanup.DeletedUsers} users, {cleanup.DeletedOrganizations} organisations")
        + (cleanup.Failures.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"; could not delete {cleanup.Failures.Count}:")
            + string.Concat(cleanup.Failures.Take(10).Select(f => Environment.NewLine + "  - " + f))
            + (cleanup.Manifest is { } manifest ? Environment.NewLine + $"  left over, listed in {manifest} (stampede cleanup {manifest})" : ""));

    /// <summary>Lines about cleanup and kept data.</summary>
    public static IEnumerable<string> CleanupLines(TenantsResult tenants)
    {
        if (tenants.SetupError is { } setup)
        {
            yield return $"setup failed half way: {setup}";
        }

        if (tenants.Cleanup is { } cleanup)
        {
            foreach (var line in Cleanup(cleanup).Split(Environment.NewLine))
            {
                yield return line;
            }
        }
        else if (tenants.Manifest is { } manifest)
        {
            yield return $"data kept on the target (--keep-data), listed in {manifest}; delete it with stampede cleanup {manifest}";
        }

        if (tenants.UsersPastTagCap > 0)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{tenants.UsersPastTagCap} users share the user tag 'other' (maxUserTags)");
        }
    }

    /// <summary>The isolation verdict and one line of evidence per tenant.</summary>
    public static IEnumerable<string> IsolationLines(IsolationResult isolation)
    {
        yield return isolation.ExhaustedAtSecond is { } at
            ? string.Create(CultureInfo.InvariantCulture, $"isolation: {isolation.Verdict} ({isolation.Exhaust}'s budget ran out at {at}s)")
            : $"isolation: {isolation.Verdict}";
        foreach (var e in isolation.Evidence)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"  {(e.Passed ? "✓" : "✗")} {e.Tenant} expected {e.Expected}: {e.Reason}");
        }
    }
}
