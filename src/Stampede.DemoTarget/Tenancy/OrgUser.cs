namespace Stampede.DemoTarget.Tenancy;

/// <summary>A member of an organisation, created by an invite; it owns API keys.</summary>
internal sealed class OrgUser(string id, string email)
{
    public string Id { get; } = id;

    public string Email { get; } = email;

    /// <summary>Key id → secret.</summary>
    public Dictionary<string, string> Keys { get; } = new(StringComparer.Ordinal);
}
