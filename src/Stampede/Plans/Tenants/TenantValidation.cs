using System.Text.RegularExpressions;

namespace Stampede.Plans.Tenants;

/// <summary>Checks a plan's <c>tenants:</c> once, when it loads, and reports every problem at once.</summary>
internal static partial class TenantValidation
{
    public static IEnumerable<PlanError> Validate(TestPlan plan)
    {
        if (plan.Tenants is not { } tenants)
        {
            return [];
        }

        var errors = new List<PlanError>();
        var most = tenants.OrganizationsMax ?? tenants.Organizations;
        if (tenants.Organizations < 1 || tenants.Organizations > TenantPlan.MaxOrganizations)
        {
            errors.Add(new PlanError("tenants.organizations", $"must be from 1 to {TenantPlan.MaxOrganizations}, got {tenants.Organizations}"));
        }
        else if (tenants.OrganizationsMax is { } max && (max < tenants.Organizations || max > TenantPlan.MaxOrganizations))
        {
            errors.Add(new PlanError("tenants.organizations", $"the range's end must be from {tenants.Organizations} to {TenantPlan.MaxOrganizations}, got {max}"));
        }

        if (!tenants.Name.Contains("{index}", StringComparison.Ordinal))
        {
            errors.Add(new PlanError("tenants.name", $"must contain {{index}} so every organisation gets its own name, got '{tenants.Name}'"));
        }
        else if (!NamePattern().IsMatch(tenants.Name.Replace("{index}", "1", StringComparison.Ordinal).Replace("{run}", "r", StringComparison.Ordinal)))
        {
            errors.Add(new PlanError("tenants.name", $"expected lower-case letters, digits and dashes besides {{index}} and {{run}}, got '{tenants.Name}'"));
        }

        tenants.Users.Validate("tenants.users", errors);
        if (tenants.BudgetUsd is < 0)
        {
            errors.Add(new PlanError("tenants.budget", "must not be negative"));
        }

        foreach (var (tenant, budget) in tenants.Budgets)
        {
            if (TenantIndex(tenant) is not { } index || index > most)
            {
                errors.Add(new PlanError($"tenants.budgets.{tenant}", $"names no organisation: expected org-1 to org-{most}"));
            }
            else if (budget < 0)
            {
                errors.Add(new PlanError($"tenants.budgets.{tenant}", "must not be negative"));
            }
        }

        foreach (var (name, call) in tenants.Api.Calls())
        {
            ValidateCall($"tenants.api.{name}", call, errors);
        }

        if (tenants.MaxUserTags is < 1 or > 100_000)
        {
            errors.Add(new PlanError("tenants.maxUserTags", $"must be from 1 to 100000, got {tenants.MaxUserTags}"));
        }

        if (tenants.CleanupAttempts is < 1 or > 20)
        {
            errors.Add(new PlanError("tenants.cleanupAttempts", $"must be from 1 to 20, got {tenants.CleanupAttempts}"));
        }

        if (tenants.RunId is { } run && !RunIdPattern().IsMatch(run))
        {
            errors.Add(new PlanError("tenants.runId", $"expected 1 to 16 lower-case letters or digits, got '{run}'"));
        }

        if (plan.BaseUrl is null && tenants.Api.Calls().Any(c => !IsAbsoluteHttp(c.Call.Path)))
        {
            errors.Add(new PlanError("tenants", "the tenancy API's paths are relative, so the plan needs a baseUrl"));
        }

        if (tenants.Isolation is { } isolation)
        {
            ValidateIsolation(isolation, most, errors);
        }

        if (tenants.Limits is { } limits)
        {
            ValidateLimits(limits, errors);
        }

        return errors;
    }

    // Not Uri.TryCreate(…, Absolute): on Unix it takes "/v1/orgs" for an absolute file path.
    private static bool IsAbsoluteHttp(string path) =>
        path.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || path.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>The number in a tenant tag (<c>org-2</c> → 2), or null.</summary>
    internal static int? TenantIndex(string tenant) =>
        tenant.StartsWith("org-", StringComparison.Ordinal) && int.TryParse(tenant.AsSpan(4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : null;

    private static void ValidateCall(string path, TenantCall call, List<PlanError> errors)
    {
        if (!KnownMethods.Contains(call.Method))
        {
            errors.Add(new PlanError(path + ".method", $"expected one of {string.Join(", ", KnownMethods)}, got '{call.Method}'"));
        }

        if (string.IsNullOrWhiteSpace(call.Path))
        {
            errors.Add(new PlanError(path + ".path", "must not be empty"));
        }

        foreach (var (text, where) in new[] { (call.Path, ".path"), (call.Body ?? "", ".body") })
        {
            foreach (Match placeholder in PlaceholderPattern().Matches(text))
            {
                var name = placeholder.Groups[1].Value;
                if (!TenantCall.Placeholders.Contains(name))
                {
                    errors.Add(new PlanError(path + where, $"unknown placeholder {{{name}}}: expected one of {string.Join(", ", TenantCall.Placeholders.Select(p => "{" + p + "}"))}"));
                }
            }
        }
    }

    private static void ValidateIsolation(IsolationPlan isolation, int organizations, List<PlanError> errors)
    {
        if (TenantIndex(isolation.Exhaust) is not { } index || index > organizations)
        {
            errors.Add(new PlanError("tenants.isolation.exhaust", $"names no organisation: expected org-1 to org-{organizations}, got '{isolation.Exhaust}'"));
        }

        if (organizations < 2)
        {
            errors.Add(new PlanError("tenants.isolation", "needs at least two organisations: one to exhaust and one to stay unaffected"));
        }

        foreach (var tenant in isolation.Expect.Keys)
        {
            if (tenant != IsolationPlan.Others && (TenantIndex(tenant) is not { } n || n > organizations))
            {
                errors.Add(new PlanError($"tenants.isolation.expect.{tenant}", $"names no organisation: expected org-1 to org-{organizations} or others"));
            }
        }

        if (isolation.ErrorRateTolerance is < 0 or > 1 || double.IsNaN(isolation.ErrorRateTolerance))
        {
            errors.Add(new PlanError("tenants.isolation.errorRateTolerance", "must be a share from 0 to 1"));
        }

        if (isolation.LatencyTolerance < 0 || !double.IsFinite(isolation.LatencyTolerance))
        {
            errors.Add(new PlanError("tenants.isolation.latencyTolerance", "must not be negative"));
        }
    }

    private static void ValidateLimits(TenantLimits limits, List<PlanError> errors)
    {
        foreach (var (name, value) in new[] { ("costPerTenant", limits.CostPerTenantUsd), ("cost", limits.CostUsd) })
        {
            if (value is <= 0)
            {
                errors.Add(new PlanError($"tenants.limits.{name}", "must be positive"));
            }
        }

        foreach (var (name, value) in new[] { ("errorRatePerTenant", limits.ErrorRatePerTenant), ("errorRate", limits.ErrorRate) })
        {
            if (value is { } share && (share is < 0 or > 1 || double.IsNaN(share)))
            {
                errors.Add(new PlanError($"tenants.limits.{name}", "must be a share from 0 to 1"));
            }
        }

        if (limits.MinRequests < 1)
        {
            errors.Add(new PlanError("tenants.limits.minRequests", "must be at least 1"));
        }
    }

    private static readonly string[] KnownMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z0-9]{1,16}$")]
    private static partial Regex RunIdPattern();
}
