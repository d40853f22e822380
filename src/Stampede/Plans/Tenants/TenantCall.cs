namespace Stampede.Plans.Tenants;

/// <summary>
/// One call of the target's tenancy API: a method, a path relative to the plan's base URL and an optional JSON body.
/// Path and body may hold <c>{org}</c> (the organisation's slug), <c>{budget}</c> (its budget in dollars, or
/// <c>null</c>), <c>{email}</c>, <c>{user}</c> (the user's id) and <c>{key}</c> (the key's id); values are escaped for
/// where they land (URL path segment or JSON string).
/// </summary>
public sealed record TenantCall(string Method, string Path, string? Body = null)
{
    /// <summary>The placeholders a call may use.</summary>
    public static IReadOnlyList<string> Placeholders { get; } = ["org", "budget", "email", "user", "key"];
}
