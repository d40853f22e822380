namespace Stampede.Execution.Tenancy;

/// <summary>
/// The users setup created, in the plan's order (organisation by organisation), and which one each VU acts as: VU
/// <c>n</c> is user <c>(n - 1) mod count</c>, so a run with at least as many VUs as users uses every user.
/// </summary>
internal sealed class TenantDirectory(IReadOnlyList<TenantUser> users, int usersPastTagCap)
{
    public IReadOnlyList<TenantUser> Users { get; } = users;

    /// <summary>Users whose samples share the <c>user</c> tag <c>other</c> because the plan caps distinct values.</summary>
    public int UsersPastTagCap { get; } = usersPastTagCap;

    public TenantUser? For(int vuId) => Users.Count == 0 ? null : Users[(vuId - 1) % Users.Count];

    /// <summary>The <c>user</c> tag shared by users past the cap.</summary>
    public const string OverflowUserTag = "other";
}
