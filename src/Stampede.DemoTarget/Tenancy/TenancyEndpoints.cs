using Stampede.DemoTarget.Hosting;

namespace Stampede.DemoTarget.Tenancy;

/// <summary>
/// Organisations, invites and API keys under <c>/v1/orgs</c>. These setup calls need no key themselves:
/// the demo target is for load tests, not for guarding anything.
/// </summary>
internal static class TenancyEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var orgs = app.MapGroup("/v1/orgs");
        orgs.MapPost("/", (CreateOrgRequest? request, TenantStore store, DemoTargetOptions options) =>
        {
            if (!TenantStore.IsValidSlug(request?.Slug))
            {
                return Error(StatusCodes.Status400BadRequest, "invalid_slug", "slug is required: 1 to 40 lower-case letters, digits or dashes, starting with a letter or digit.");
            }

            if (request!.BudgetUsd is < 0)
            {
                return Error(StatusCodes.Status400BadRequest, "invalid_budget", "budgetUsd must not be negative.");
            }

            var org = store.CreateOrg(request.Slug!, request.BudgetUsd ?? options.DefaultOrgBudgetUsd);
            return org is null
                ? Error(StatusCodes.Status409Conflict, "org_exists", $"Organization '{request.Slug}' already exists.")
                : Results.Created($"/v1/orgs/{org.Slug}", Describe(org));
        });
        orgs.MapGet("/", (TenantStore store) => Results.Ok(new OrganizationListResponse(
            [.. store.Orgs().OrderBy(o => o.Slug, StringComparer.Ordinal).Select(Describe)], store.KeyCount)));
        orgs.MapGet("/{slug}", (string slug, TenantStore store) =>
            store.Find(slug) is { } org ? Results.Ok(Describe(org)) : OrgNotFound(slug));
        orgs.MapDelete("/{slug}", (string slug, TenantStore store) =>
            store.DeleteOrg(slug) ? Results.NoContent() : OrgNotFound(slug));

        orgs.MapPost("/{slug}/invites", (string slug, InviteRequest? request, TenantStore store) =>
        {
            var email = string.IsNullOrWhiteSpace(request?.Email) ? $"user@{slug}.example" : request.Email;
            return store.Invite(slug, email) is { } user
                ? Results.Created($"/v1/orgs/{slug}/users/{user.Id}", new InvitedUserResponse(user.Id, user.Email, slug))
                : OrgNotFound(slug);
        });
        orgs.MapDelete("/{slug}/users/{userId}", (string slug, string userId, TenantStore store) =>
            store.DeleteUser(slug, userId) ? Results.NoContent() : UserNotFound(slug, userId));
        orgs.MapPost("/{slug}/users/{userId}/keys", (string slug, string userId, TenantStore store) =>
            store.CreateKey(slug, userId) is { } key
                ? Results.Created($"/v1/orgs/{slug}/users/{userId}/keys/{key.Id}", new CreatedKeyResponse(key.Id, key.Secret, slug, userId))
                : UserNotFound(slug, userId));
        orgs.MapDelete("/{slug}/users/{userId}/keys/{keyId}", (string slug, string userId, string keyId, TenantStore store) =>
            store.DeleteKey(slug, userId, keyId)
                ? Results.NoContent()
                : Error(StatusCodes.Status404NotFound, "not_found", $"No key '{keyId}' for user '{userId}' in '{slug}'."));
    }

    internal static IResult Error(int status, string code, string message) =>
        new JsonStatusResult<OpenAiErrorResponse>(new OpenAiErrorResponse(new OpenAiError(message, code, code)), status);

    private static OrganizationResponse Describe(Organization org) =>
        new(org.Slug, org.BudgetUsd, org.SpentUsd, org.Requests, org.Users.Count, org.Users.Values.Sum(u => u.Keys.Count));

    private static IResult OrgNotFound(string slug) =>
        Error(StatusCodes.Status404NotFound, "not_found", $"No organization '{slug}'.");

    private static IResult UserNotFound(string slug, string userId) =>
        Error(StatusCodes.Status404NotFound, "not_found", $"No user '{userId}' in organization '{slug}'.");

    internal sealed record CreateOrgRequest(string? Slug, decimal? BudgetUsd);

    internal sealed record InviteRequest(string? Email);
}
