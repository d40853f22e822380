using System.Net;
using System.Net.Http.Json;
using Shouldly;
using Stampede.DemoTarget.Tests.Support;

namespace Stampede.DemoTarget.Tests.Tenancy;

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

    [Fact]
    public async Task PostOrg_Valid_WritesOrganisation()
    {
        using var response = await Client.PostAsJsonAsync("v1/orgs", new { slug = "shape", budgetUsd = 2.5m });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.Location!.ToString().ShouldBe("/v1/orgs/shape");
        WireJson.MediaTypeWithCharset(response).ShouldBe("application/json; charset=utf-8");
        (await WireJson.BodyAsync(response)).ShouldBe("""{"slug":"shape","budgetUsd":2.5,"spentUsd":0,"requests":0,"users":0,"keys":0}""");
    }

    [Fact]
    public async Task GetOrg_AfterInvite_CountsTheUser()
    {
        await Tenants.CreateOrgWithKeyAsync(Client, "counted", 1m);

        using var response = await Client.GetAsync("v1/orgs/counted");

        (await WireJson.BodyAsync(response)).ShouldBe("""{"slug":"counted","budgetUsd":1,"spentUsd":0,"requests":0,"users":1,"keys":1}""");
    }

    [Fact]
    public async Task InviteAndKey_Valid_WriteUserAndKey()
    {
        (await Client.PostAsJsonAsync("v1/orgs", new { slug = "keyed" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var invite = await Client.PostAsJsonAsync("v1/orgs/keyed/invites", new { email = "k@keyed.test" });
        var user = await Tenants.Json(invite);
        var userId = user.GetProperty("id").GetString()!;
        using var key = await Client.PostAsync($"v1/orgs/keyed/users/{userId}/keys", null);
        var created = await Tenants.Json(key);

        WireJson.Names(user).ShouldBe("id,email,org");
        user.GetProperty("email").GetString().ShouldBe("k@keyed.test");
        user.GetProperty("org").GetString().ShouldBe("keyed");
        WireJson.Names(created).ShouldBe("id,key,org,user");
        created.GetProperty("key").GetString()!.ShouldStartWith("sk-");
        created.GetProperty("user").GetString().ShouldBe(userId);
    }

    [Fact]
    public async Task GetOrg_Unknown_WritesOpenAiStyleError()
    {
        using var response = await Client.GetAsync("v1/orgs/ghost");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        WireJson.MediaTypeWithCharset(response).ShouldBe("application/json; charset=utf-8");
        (await WireJson.BodyAsync(response)).ShouldBe("""{"error":{"message":"No organization 'ghost'.","type":"not_found","code":"not_found"}}""");
    }

    [Fact]
    public async Task Completion_OrgOverBudget_WritesQuotaError()
    {
        var (_, _, key) = await Tenants.CreateOrgWithKeyAsync(Client, "broke", 0m);

        using var response = await Client.SendAsync(Tenants.Completion(key));

        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await WireJson.BodyAsync(response)).ShouldBe(
            """{"error":{"message":"Organization 'broke' has exceeded its budget: spent $0 of $0.","type":"insufficient_quota","code":"budget_exceeded"}}""");
    }
}
