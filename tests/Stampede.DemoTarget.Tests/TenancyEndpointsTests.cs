using System.Net;
using System.Net.Http.Json;
using Shouldly;
using Stampede.DemoTarget.Tests.Support;

namespace Stampede.DemoTarget.Tests;

public class TenancyEndpointsTests(DemoTargetFixture target) : IClassFixture<DemoTargetFixture>
{
    private HttpClient Client => target.Client;

    [Fact]
    public async Task PostOrg_DuplicateSlug_Returns409()
    {
        (await Client.PostAsJsonAsync("v1/orgs", new { slug = "dup" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var again = await Client.PostAsJsonAsync("v1/orgs", new { slug = "dup" });

        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task PostOrg_InvalidSlug_Returns400()
    {
        using var response = await Client.PostAsJsonAsync("v1/orgs", new { slug = "Not A Slug" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Invite_UnknownOrg_Returns404()
    {
        using var response = await Client.PostAsJsonAsync("v1/orgs/missing/invites", new { email = "x@y.z" });

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Completion_NoKeyOrWrongKey_Returns401()
    {
        using var none = await Client.SendAsync(Tenants.Completion(null));
        using var wrong = await Client.SendAsync(Tenants.Completion("sk-nope"));

        none.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Tenants.Json(wrong)).GetProperty("error").GetProperty("code").GetString().ShouldBe("invalid_api_key");
    }

    [Fact]
    public async Task DeleteKey_RevokedKey_Returns401()
    {
        var (userId, keyId, key) = await Tenants.CreateOrgWithKeyAsync(Client, "revoke", 10m);
        (await Client.SendAsync(Tenants.Completion(key))).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await Client.DeleteAsync($"v1/orgs/revoke/users/{userId}/keys/{keyId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await Client.SendAsync(Tenants.Completion(key))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task DeleteUserAndOrg_Existing_RevokeKeysAnd404Afterwards()
    {
        var (userId, _, key) = await Tenants.CreateOrgWithKeyAsync(Client, "gone", 10m);

        (await Client.DeleteAsync($"v1/orgs/gone/users/{userId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Client.SendAsync(Tenants.Completion(key))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Client.DeleteAsync("v1/orgs/gone")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Client.DeleteAsync("v1/orgs/gone")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Completion_OrgOverBudget_Gets429WhileOtherOrgsAreServed()
    {
        var (_, _, key1) = await Tenants.CreateOrgWithKeyAsync(Client, "org-1", 10m);
        var (_, _, key2) = await Tenants.CreateOrgWithKeyAsync(Client, "org-2", 0.000001m);
        var (_, _, key3) = await Tenants.CreateOrgWithKeyAsync(Client, "org-3", 10m);

        // The first request is under budget when it starts; its cost takes org-2 over.
        (await Client.SendAsync(Tenants.Completion(key2))).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var over = await Client.SendAsync(Tenants.Completion(key2));
        using var one = await Client.SendAsync(Tenants.Completion(key1));
        using var three = await Client.SendAsync(Tenants.Completion(key3));

        over.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        var error = (await Tenants.Json(over)).GetProperty("error");
        error.GetProperty("code").GetString().ShouldBe("budget_exceeded");
        error.GetProperty("message").GetString()!.ShouldContain("org-2");
        one.StatusCode.ShouldBe(HttpStatusCode.OK);
        three.StatusCode.ShouldBe(HttpStatusCode.OK);
        var org2 = await Tenants.Json(await Client.GetAsync("v1/orgs/org-2"));
        org2.GetProperty("spentUsd").GetDecimal().ShouldBeGreaterThan(0.000001m);
    }
}
