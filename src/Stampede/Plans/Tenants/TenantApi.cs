namespace Stampede.Plans.Tenants;

/// <summary>
/// The shape of the target's tenancy API: how to create an organisation, invite a user, issue a key, and delete
/// each again, and where the answers carry the ids. <see cref="DemoTarget"/> is the built-in demo target's
/// <c>/v1/orgs</c> API.
/// </summary>
public sealed record TenantApi
{
    /// <summary>Creates an organisation; its slug is Stampede's choice, so nothing is read from the answer.</summary>
    public required TenantCall CreateOrganization { get; init; }

    /// <summary>Creates a user in an organisation; the answer carries the user's id at <see cref="UserIdPath"/>.</summary>
    public required TenantCall InviteUser { get; init; }

    /// <summary>Issues a key to a user; the answer carries its id at <see cref="KeyIdPath"/> and its secret at <see cref="KeySecretPath"/>.</summary>
    public required TenantCall IssueKey { get; init; }

    /// <summary>Revokes a key.</summary>
    public required TenantCall DeleteKey { get; init; }

    /// <summary>Removes a user.</summary>
    public required TenantCall DeleteUser { get; init; }

    /// <summary>Removes an organisation.</summary>
    public required TenantCall DeleteOrganization { get; init; }

    /// <summary>JSON path of the user's id in <see cref="InviteUser"/>'s answer. Default <c>id</c>.</summary>
    public string UserIdPath { get; init; } = "id";

    /// <summary>JSON path of the key's id in <see cref="IssueKey"/>'s answer. Default <c>id</c>.</summary>
    public string KeyIdPath { get; init; } = "id";

    /// <summary>JSON path of the key's secret in <see cref="IssueKey"/>'s answer. Default <c>key</c>.</summary>
    public string KeySecretPath { get; init; } = "key";

    /// <summary>The demo target's <c>/v1/orgs</c> API.</summary>
    public static TenantApi DemoTarget { get; } = new()
    {
        CreateOrganization = new("POST", "/v1/orgs", """{"slug":"{org}","budgetUsd":{budget}}"""),
        InviteUser = new("POST", "/v1/orgs/{org}/invites", """{"email":"{email}"}"""),
        IssueKey = new("POST", "/v1/orgs/{org}/users/{user}/keys"),
        DeleteKey = new("DELETE", "/v1/orgs/{org}/users/{user}/keys/{key}"),
        DeleteUser = new("DELETE", "/v1/orgs/{org}/users/{user}"),
        DeleteOrganization = new("DELETE", "/v1/orgs/{org}"),
    };

    /// <summary>Every call with the name a plan gives it.</summary>
    internal IEnumerable<(string Name, TenantCall Call)> Calls() =>
    [
        ("createOrg", CreateOrganization), ("inviteUser", InviteUser), ("issueKey", IssueKey),
        ("deleteKey", DeleteKey), ("deleteUser", DeleteUser), ("deleteOrg", DeleteOrganization),
    ];
}
