using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;
using Stampede.DemoTarget.Tests.Support;

namespace Stampede.DemoTarget.Tests.Missions;

public class MissionEndpointsTests(DemoTargetFixture target) : IClassFixture<DemoTargetFixture>
{
    private HttpClient Client => target.Client;

    [Fact]
    public async Task Post_ValidMission_Returns201WithIdAndLocation()
    {
        using var response = await Client.PostAsJsonAsync("api/missions", new { name = "Apollo", priority = 2 });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var mission = await Read(response);
        var id = mission.GetProperty("id").GetInt64();
        id.ShouldBeGreaterThan(0);
        mission.GetProperty("status").GetString().ShouldBe("planned");
        response.Headers.Location!.ToString().ShouldBe($"/api/missions/{id}");
    }

    [Fact]
    public async Task Post_MissingName_Returns400()
    {
        using var response = await Client.PostAsJsonAsync("api/missions", new { priority = 9 });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain("name");
        body.ShouldContain("priority");
    }

    [Fact]
    public async Task GetPutDelete_ExistingMission_RoundTrips()
    {
        using var created = await Client.PostAsJsonAsync("api/missions", new { name = "Gemini" });
        var id = (await Read(created)).GetProperty("id").GetInt64();

        using var got = await Client.GetAsync($"api/missions/{id}");
        got.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Read(got)).GetProperty("name").GetString().ShouldBe("Gemini");

        using var put = await Client.PutAsJsonAsync($"api/missions/{id}", new { name = "Gemini 2", status = "active" });
        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        var updated = await Read(put);
        updated.GetProperty("name").GetString().ShouldBe("Gemini 2");
        updated.GetProperty("status").GetString().ShouldBe("active");

        using var list = await Client.GetAsync("api/missions");
        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        var all = await Read(list);
        all.ValueKind.ShouldBe(JsonValueKind.Array);
        all.EnumerateArray().ShouldContain(m => m.GetProperty("id").GetInt64() == id);

        (await Client.DeleteAsync($"api/missions/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Client.GetAsync($"api/missions/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Client.DeleteAsync($"api/missions/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Put_UnknownMission_Returns404()
    {
        using var response = await Client.PutAsJsonAsync("api/missions/999999", new { name = "Nobody" });

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static async Task<JsonElement> Read(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    [Fact]
    public async Task Post_ValidMission_WritesCamelCaseFieldsInOrder()
    {
        using var response = await Client.PostAsJsonAsync("api/missions", new { name = "Vostok", priority = 3, description = "first" });

        WireJson.MediaTypeWithCharset(response).ShouldBe("application/json; charset=utf-8");
        var mission = await Read(response);
        WireJson.Names(mission).ShouldBe("id,name,status,priority,description,createdAt,updatedAt");
        mission.GetProperty("priority").GetInt32().ShouldBe(3);
        mission.GetProperty("description").GetString().ShouldBe("first");
        mission.GetProperty("createdAt").GetDateTimeOffset().ShouldBe(mission.GetProperty("updatedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Post_InvalidMission_WritesValidationProblem()
    {
        using var response = await Client.PostAsJsonAsync("api/missions", new { priority = 9, status = "lost" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        WireJson.MediaTypeWithCharset(response).ShouldBe("application/problem+json");
        (await WireJson.BodyAsync(response)).ShouldBe(
            """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"One or more validation errors occurred.","status":400,"errors":{"name":["name is required, at most 200 characters."],"status":["status must be one of planned, active, done, aborted."],"priority":["priority must be between 1 and 5."]}}""");
    }

    [Fact]
    public async Task Get_UnknownMission_WritesNotFoundError()
    {
        using var response = await Client.GetAsync("api/missions/424242");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await WireJson.BodyAsync(response)).ShouldBe("""{"error":"not_found","message":"No mission 424242."}""");
    }

    [Fact]
    public async Task Post_CaseInsensitiveNumberAsString_Accepted()
    {
        using var response = await Client.PostAsync(
            "api/missions",
            new StringContent("""{"NAME":"Soyuz","priority":"4"}""", System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var mission = await Read(response);
        mission.GetProperty("name").GetString().ShouldBe("Soyuz");
        mission.GetProperty("priority").GetInt32().ShouldBe(4);
    }
}
