namespace Stampede.Execution.Tenancy;

/// <summary>
/// The user a VU acts as: its organisation (the <c>tenant</c> tag and the name on the target), its id and e-mail,
/// and the API key it was issued. YAML templates read it as <c>tenant.org</c>, <c>tenant.slug</c>,
/// <c>tenant.user</c>, <c>tenant.userId</c>, <c>tenant.email</c> and <c>tenant.key</c>.
/// </summary>
public sealed record TenantUser
{
    /// <summary>The organisation's tag (<c>org-2</c>).</summary>
    public required string Tenant { get; init; }

    /// <summary>The organisation's name on the target (<c>loadtest-org-2-1a2b3c4d</c>).</summary>
    public required string Organization { get; init; }

    /// <summary>The user's id on the target.</summary>
    public required string UserId { get; init; }

    /// <summary>The user's e-mail.</summary>
    public required string Email { get; init; }

    /// <summary>The issued key's id.</summary>
    public required string KeyId { get; init; }

    /// <summary>The issued key's secret (send it as <c>Authorization: Bearer …</c>).</summary>
    public required string ApiKey { get; init; }

    /// <summary>The <c>user</c> tag: <c>org-2/user-3</c>, or <c>other</c> past the plan's cap on distinct values.</summary>
    public required string UserTag { get; init; }

    /// <summary>What templates see under <c>tenant.</c>.</summary>
    internal IReadOnlyDictionary<string, object?> ForTemplates() => new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["org"] = Tenant,
        ["slug"] = Organization,
        ["user"] = UserTag,
        ["userId"] = UserId,
        ["email"] = Email,
        ["key"] = ApiKey,
    };
}
