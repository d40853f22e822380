using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;

namespace Stampede.DemoTarget.Tests.Support;

/// <summary>Creates an organisation, a user and a key through the tenancy API.</summary>
public static class Tenants
{
    public static async Task<(string UserId, string KeyId, string Key)> CreateOrgWithKeyAsync(HttpClient client, string slug, decimal budgetUsd)
    {
        using var org = await client.PostAsJsonAsync("v1/orgs", new { slug, budgetUsd });
        org.StatusCode.ShouldBe(HttpStatusCode.Created);
        using var invite = await client.PostAsJsonAsync($"v1/orgs/{slug}/invites", new { email = $"a@{slug}.test" });
        invite.StatusCode.ShouldBe(HttpStatusCode.Created);
        var userId = (await Json(invite)).GetProperty("id").GetString()!;
        using var key = await client.PostAsync($"v1/orgs/{slug}/users/{userId}/keys", null);
        key.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await Json(key);
        return (userId, body.GetProperty("id").GetString()!, body.GetProperty("key").GetString()!);
    }

    public static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public static HttpRequestMessage Completion(string? key, bool stream = false, string question = "How fast is the server?", object? extra = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = JsonContent.Create(extra ?? new
            {
                model = "demo-chat",
                stream,
                messages = new[] { new { role = "user", content = question } },
            }),
        };
        if (key is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        return request;
    }
}
