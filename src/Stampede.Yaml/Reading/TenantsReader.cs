using System.Globalization;
using System.Text.RegularExpressions;
using Stampede.Plans.Tenants;
using Stampede.Protocols;
using YamlDotNet.RepresentationModel;

namespace Stampede.Yaml.Reading;

/// <summary>
/// Reads the plan's <c>tenants:</c> (docs/multi-tenant.md) into a <see cref="TenantPlan"/>. Ranges and limits the
/// library checks (<see cref="TenantValidation"/>) are located through the paths remembered here.
/// </summary>
internal sealed partial class TenantsReader(PlanReader reader)
{
    public static readonly IReadOnlyList<string> Keys =
        ["organizations", "name", "users", "budget", "budgets", "api", "tagUsers", "maxUserTags", "keepData", "runId", "manifest", "cleanupAttempts", "isolation", "limits"];

    public static readonly IReadOnlyList<string> ApiKeys = ["preset", "createOrg", "inviteUser", "issueKey", "deleteKey", "deleteUser", "deleteOrg", "userId", "keyId", "keySecret"];

    public static readonly IReadOnlyList<string> CallKeys = ["method", "path", "body"];

    public static readonly IReadOnlyList<string> IsolationKeys = ["exhaust", "expect", "errorRateTolerance", "latencyTolerance"];

    public static readonly IReadOnlyList<string> LimitKeys = ["cost", "costPerTenant", "errorRate", "errorRatePerTenant", "minRequests"];

    public static readonly IReadOnlyList<string> Expectations = ["throttled", "unaffected"];

    public TenantPlan Read(YamlNode node)
    {
        var plan = new TenantPlan();
        reader.Remember("tenants", node);
        foreach (var (key, _, value) in reader.Mapping(node, "tenants", Keys, "tenants { organizations, users, name, api, … }"))
        {
            var at = PlanReader.Join("tenants", key);
            reader.Remember(at, value);
            plan = key switch
            {
                "organizations" => Organizations(value, at, plan),
                "name" => reader.Text(value, at, "a name pattern such as loadtest-org-{index}") is { } name ? plan with { Name = name } : plan,
                "users" => Users(value, at) is { } users ? plan with { Users = users } : plan,
                "budget" => Money(value, at) is { } budget ? plan with { BudgetUsd = budget } : plan,
                "budgets" => plan with { Budgets = Budgets(value, at) },
                "api" => plan with { Api = Api(value, at) },
                "tagUsers" => reader.Bool(value, at) is { } tag ? plan with { TagUsers = tag } : plan,
                "maxUserTags" => reader.Int(value, at, 1, 100_000) is { } max ? plan with { MaxUserTags = max } : plan,
                "keepData" => reader.Bool(value, at) is { } keep ? plan with { KeepData = keep } : plan,
                "runId" => reader.Text(value, at, "a run id") is { } run ? plan with { RunId = run } : plan,
                "manifest" => reader.Text(value, at, "a file name") is { } file ? plan with { Manifest = file } : plan,
                "cleanupAttempts" => reader.Int(value, at, 1, 20) is { } attempts ? plan with { CleanupAttempts = attempts } : plan,
                "isolation" => plan with { Isolation = Isolation(value, at) },
                _ => plan with { Limits = Limits(value, at) },
            };
        }

        return plan;
    }

    /// <summary><c>3</c>, <c>2..5</c> or <c>{ min: 2, max: 5 }</c>.</summary>
    private TenantPlan Organizations(YamlNode node, string path, TenantPlan plan)
    {
        if (node is YamlMappingNode)
        {
            var (min, max) = (plan.Organizations, (int?)null);
            foreach (var (key, _, value) in reader.Mapping(node, path, ["min", "max"], "a range { min, max }"))
            {
                var n = reader.Int(value, PlanReader.Join(path, key), 1, TenantPlan.MaxOrganizations);
                (min, max) = key == "min" ? (n ?? min, max) : (min, n ?? max);
            }

            return plan with { Organizations = min, OrganizationsMax = max };
        }

        var text = reader.Text(node, path, "a number of organisations such as 3, or a range such as 2..5");
        if (text is null)
        {
            return plan;
        }

        if (RangePattern().Match(text) is { Success: true } range)
        {
            return plan with { Organizations = int.Parse(range.Groups[1].Value, CultureInfo.InvariantCulture), OrganizationsMax = int.Parse(range.Groups[2].Value, CultureInfo.InvariantCulture) };
        }

        return reader.Int(node, path, 1, TenantPlan.MaxOrganizations) is { } count ? plan with { Organizations = count } : plan;
    }

    /// <summary><c>50</c>, <c>{ min, max }</c> (uniform) or <c>{ mean, stddev }</c> (gaussian).</summary>
    private UserCountDistribution? Users(YamlNode node, string path)
    {
        if (node is not YamlMappingNode)
        {
            return reader.Int(node, path, 1, TenantPlan.MaxUsersPerOrganization) is { } count ? UserCountDistribution.Fixed(count) : null;
        }

        var entries = reader.Mapping(node, path, ["min", "max", "mean", "stddev"], "users per organisation: a number, { min, max } or { mean, stddev }");
        var get = entries.ToDictionary(e => e.Key, e => e.Value);
        foreach (var (key, _, value) in entries)
        {
            reader.Remember(PlanReader.Join(path, key), value);
        }

        if (get.ContainsKey("mean") || get.ContainsKey("stddev"))
        {
            if (get.ContainsKey("min") || get.ContainsKey("max"))
            {
                reader.Error(path, "expected either { min, max } (uniform) or { mean, stddev } (gaussian), not both", node);
                return null;
            }

            if (!get.TryGetValue("mean", out var meanNode))
            {
                reader.Missing(path, "mean", "missing mean: the average users per organisation", node);
                return null;
            }

            var mean = reader.Number(meanNode, path + ".mean", 1, TenantPlan.MaxUsersPerOrganization);
            var stddev = get.TryGetValue("stddev", out var sd) ? reader.Number(sd, path + ".stddev", 0, TenantPlan.MaxUsersPerOrganization) : 0;
            return mean is { } m && stddev is { } s ? UserCountDistribution.Gaussian(m, s) : null;
        }

        if (!get.TryGetValue("min", out var minNode) || !get.TryGetValue("max", out var maxNode))
        {
            reader.Missing(path, get.ContainsKey("min") ? "max" : "min", "missing min or max: a uniform range needs both, e.g. { min: 10, max: 20 }", node);
            return null;
        }

        var min = reader.Int(minNode, path + ".min", 1, TenantPlan.MaxUsersPerOrganization);
        var max = reader.Int(maxNode, path + ".max", 1, TenantPlan.MaxUsersPerOrganization);
        return min is { } lo && max is { } hi ? UserCountDistribution.Uniform(lo, hi) : null;
    }

    private decimal? Money(YamlNode node, string path)
    {
        var text = reader.Text(node, path, "dollars such as 5 or 0.25");
        if (text is null)
        {
            return null;
        }

        if (!decimal.TryParse(text.TrimStart('$'), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            reader.Error(path, $"expected dollars, zero or more, such as 5 or 0.25, found {PlanReader.Describe(node)}", node);
            return null;
        }

        return value;
    }

    private Dictionary<string, decimal> Budgets(YamlNode node, string path)
    {
        var budgets = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (key, _, value) in reader.Mapping(node, path, null, "budgets by tenant, such as { org-2: 0.05 }"))
        {
            reader.Remember(PlanReader.Join(path, key), value);
            if (Money(value, PlanReader.Join(path, key)) is { } budget)
            {
                budgets[key] = budget;
            }
        }

        return budgets;
    }

    /// <summary><c>demo</c>, or a mapping that replaces the preset's calls one by one.</summary>
    private TenantApi Api(YamlNode node, string path)
    {
        var api = TenantApi.DemoTarget;
        if (node is not YamlMappingNode)
        {
            reader.OneOf(node, path, ["demo"]);
            return api;
        }

        foreach (var (key, _, value) in reader.Mapping(node, path, ApiKeys, "the tenancy API { createOrg, inviteUser, issueKey, deleteKey, deleteUser, deleteOrg, userId, keyId, keySecret }"))
        {
            var at = PlanReader.Join(path, key);
            reader.Remember(at, value);
            api = key switch
            {
                "preset" => reader.OneOf(value, at, ["demo"]) is null ? api : api,
                "createOrg" => api with { CreateOrganization = Call(value, at, api.CreateOrganization) },
                "inviteUser" => api with { InviteUser = Call(value, at, api.InviteUser) },
                "issueKey" => api with { IssueKey = Call(value, at, api.IssueKey) },
                "deleteKey" => api with { DeleteKey = Call(value, at, api.DeleteKey) },
                "deleteUser" => api with { DeleteUser = Call(value, at, api.DeleteUser) },
                "deleteOrg" => api with { DeleteOrganization = Call(value, at, api.DeleteOrganization) },
                "userId" => Path(value, at) is { } p ? api with { UserIdPath = p } : api,
                "keyId" => Path(value, at) is { } p ? api with { KeyIdPath = p } : api,
                _ => Path(value, at) is { } p ? api with { KeySecretPath = p } : api,
            };
        }

        return api;
    }

    /// <summary><c>POST /v1/orgs</c>, or <c>{ method, path, body }</c>; what is left out stays as the preset has it.</summary>
    private TenantCall Call(YamlNode node, string path, TenantCall preset)
    {
        if (node is not YamlMappingNode)
        {
            var text = reader.Text(node, path, "a call such as 'POST /v1/orgs' or { method, path, body }");
            if (text is null)
            {
                return preset;
            }

            var parts = text.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return parts.Length == 2 ? preset with { Method = parts[0].ToUpperInvariant(), Path = parts[1] } : preset with { Path = text };
        }

        var call = preset;
        foreach (var (key, _, value) in reader.Mapping(node, path, CallKeys, "a call { method, path, body }"))
        {
            var at = PlanReader.Join(path, key);
            reader.Remember(at, value);
            var text = reader.Text(value, at);
            if (text is null)
            {
                continue;
            }

            call = key switch
            {
                "method" => call with { Method = text.ToUpperInvariant() },
                "path" => call with { Path = text },
                _ => call with { Body = text },
            };
        }

        return call;
    }

    private string? Path(YamlNode node, string path)
    {
        var text = reader.Text(node, path, "a JSON path such as id or data.key");
        if (text is null)
        {
            return null;
        }

        if (!JsonPath.TryParse(text, out _, out var error))
        {
            reader.Error(path, error, node);
            return null;
        }

        return text;
    }

    private IsolationPlan? Isolation(YamlNode node, string path)
    {
        var entries = reader.Mapping(node, path, IsolationKeys, "an isolation check { exhaust, expect }");
        var get = entries.ToDictionary(e => e.Key, e => e.Value);
        if (!get.TryGetValue("exhaust", out var exhaustNode))
        {
            reader.Missing(path, "exhaust", "missing exhaust: the tenant whose budget runs out, e.g. exhaust: org-2", node);
            return null;
        }

        var exhaust = reader.Text(exhaustNode, path + ".exhaust", "a tenant such as org-2");
        reader.Remember(path + ".exhaust", exhaustNode);
        var isolation = new IsolationPlan { Exhaust = exhaust ?? "" };
        foreach (var (key, _, value) in entries)
        {
            var at = PlanReader.Join(path, key);
            reader.Remember(at, value);
            switch (key)
            {
                case "expect":
                    var expect = new Dictionary<string, TenantExpectation>(StringComparer.Ordinal);
                    foreach (var (tenant, _, expected) in reader.Mapping(value, at, null, "expectations by tenant, such as { org-2: throttled, others: unaffected }"))
                    {
                        reader.Remember(PlanReader.Join(at, tenant), expected);
                        if (reader.OneOf(expected, PlanReader.Join(at, tenant), Expectations) is { } e)
                        {
                            expect[tenant] = e == "throttled" ? TenantExpectation.Throttled : TenantExpectation.Unaffected;
                        }
                    }

                    isolation = isolation with { Expect = expect };
                    break;
                case "errorRateTolerance":
                    isolation = Share(value, at) is { } share ? isolation with { ErrorRateTolerance = share } : isolation;
                    break;
                case "latencyTolerance":
                    isolation = Share(value, at, upTo: 100) is { } growth ? isolation with { LatencyTolerance = growth } : isolation;
                    break;
            }
        }

        return exhaust is null ? null : isolation;
    }

    private TenantLimits Limits(YamlNode node, string path)
    {
        var limits = new TenantLimits();
        foreach (var (key, _, value) in reader.Mapping(node, path, LimitKeys, "tenant limits { cost, costPerTenant, errorRate, errorRatePerTenant, minRequests }"))
        {
            var at = PlanReader.Join(path, key);
            reader.Remember(at, value);
            limits = key switch
            {
                "cost" => limits with { CostUsd = Money(value, at) },
                "costPerTenant" => limits with { CostPerTenantUsd = Money(value, at) },
                "errorRate" => limits with { ErrorRate = Share(value, at) },
                "errorRatePerTenant" => limits with { ErrorRatePerTenant = Share(value, at) },
                _ => reader.Int(value, at, 1, int.MaxValue) is { } n ? limits with { MinRequests = n } : limits,
            };
        }

        return limits;
    }

    /// <summary>A share written as <c>10%</c> or <c>0.1</c>, at most <paramref name="upTo"/>.</summary>
    private double? Share(YamlNode node, string path, double upTo = 1)
    {
        var text = reader.Text(node, path, "a share such as 10% or 0.1");
        if (text is null)
        {
            return null;
        }

        var percent = text.EndsWith('%');
        if (!double.TryParse(percent ? text[..^1] : text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            reader.Error(path, $"expected a share such as 10% or 0.1, found '{text}'", node);
            return null;
        }

        value = percent ? value / 100 : value;
        if (value < 0 || value > upTo)
        {
            reader.Error(path, $"expected a share from 0% to {upTo * 100:0}%, found '{text}'", node);
            return null;
        }

        return value;
    }

    [GeneratedRegex(@"^\s*(\d{1,4})\s*\.\.\s*(\d{1,4})\s*$")]
    private static partial Regex RangePattern();
}
