using Stampede.Plans.Tenants;
using Stampede.Protocols;

namespace Stampede.Execution.Tenancy;

/// <summary>
/// Creates a <see cref="TenantPlan"/>'s organisations, users and keys through the target's API, recording each in the
/// manifest as soon as the target confirms it, so cleanup (or <c>stampede cleanup</c>) can delete what was made even
/// when setup stops half way.
/// </summary>
internal sealed class TenantProvisioner(TenantPlan plan, TenantApiClient client, TenantManifest manifest)
{
    // Enough calls at once to create a thousand users in a second or two, few enough not to be load themselves.
    private const int Parallelism = 8;

    private readonly JsonPath _userId = JsonPath.Parse(plan.Api.UserIdPath);
    private readonly JsonPath _keyId = JsonPath.Parse(plan.Api.KeyIdPath);
    private readonly JsonPath _keySecret = JsonPath.Parse(plan.Api.KeySecretPath);

    /// <exception cref="TenantSetupException">A call failed; what was created before it is in the manifest.</exception>
    public async Task<TenantDirectory> ProvisionAsync(IReadOnlyList<PlannedOrganization> layout, CancellationToken cancellationToken)
    {
        var users = new List<TenantUser>();
        foreach (var planned in layout)
        {
            var created = await CallAsync(plan.Api.CreateOrganization, new TenantCallValues(planned.Slug, planned.BudgetUsd), $"creating organisation {planned.Slug}", cancellationToken).ConfigureAwait(false);
            _ = created;
            var org = manifest.AddOrganization(planned.Tag, planned.Slug);
            await manifest.SaveAsync(cancellationToken).ConfigureAwait(false);
            var made = new TenantUser?[planned.UserEmails.Count];
            try
            {
                await Parallel.ForEachAsync(Enumerable.Range(0, planned.UserEmails.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                    async (u, token) => made[u] = await CreateUserAsync(planned, org, u, token).ConfigureAwait(false)).ConfigureAwait(false);
            }
            finally
            {
                await manifest.SaveAsync(CancellationToken.None).ConfigureAwait(false);
            }

            users.AddRange(made!);
        }

        var tagged = users.Select((user, ordinal) => user with
        {
            UserTag = ordinal < plan.MaxUserTags ? user.UserTag : TenantDirectory.OverflowUserTag,
        }).ToList();
        return new TenantDirectory(tagged, Math.Max(0, users.Count - plan.MaxUserTags));
    }

    private async Task<TenantUser> CreateUserAsync(PlannedOrganization planned, ManifestOrganization org, int u, CancellationToken cancellationToken)
    {
        var email = planned.UserEmails[u];
        var invited = await CallAsync(plan.Api.InviteUser, new TenantCallValues(planned.Slug, planned.BudgetUsd, email), $"inviting {email} to {planned.Slug}", cancellationToken).ConfigureAwait(false);
        var userId = Read(invited, _userId, $"inviting {email} to {planned.Slug}");
        var user = manifest.AddUser(org, userId, email);
        var issued = await CallAsync(plan.Api.IssueKey, new TenantCallValues(planned.Slug, planned.BudgetUsd, email, userId), $"issuing a key to {email}", cancellationToken).ConfigureAwait(false);
        var keyId = Read(issued, _keyId, $"issuing a key to {email}");
        manifest.AddKey(user, keyId);
        return new TenantUser
        {
            Tenant = planned.Tag,
            Organization = planned.Slug,
            UserId = userId,
            Email = email,
            KeyId = keyId,
            ApiKey = Read(issued, _keySecret, $"issuing a key to {email}"),
            UserTag = $"{planned.Tag}/user-{u + 1}",
        };
    }

    private async Task<TenantCallAnswer> CallAsync(TenantCall call, TenantCallValues values, string what, CancellationToken cancellationToken)
    {
        TenantCallAnswer answer;
        try
        {
            answer = await client.SendAsync(call, values, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            throw new TenantSetupException($"{what}: {call.Method} {call.Path}: {exception.Message}", exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TenantSetupException($"{what}: {call.Method} {call.Path}: timed out", exception);
        }

        return answer.Succeeded ? answer : throw new TenantSetupException($"{what}: {call.Method} {call.Path} answered {answer.Describe()}");
    }

    private static string Read(TenantCallAnswer answer, JsonPath path, string what) =>
        answer.Json is { } json && path.TryGet(json, out var value)
            ? value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString()! : value.GetRawText()
            : throw new TenantSetupException($"{what}: the answer has no '{path}': {answer.Describe()}");
}
