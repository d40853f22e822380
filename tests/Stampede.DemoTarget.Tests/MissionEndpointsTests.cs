using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;
using Stampede.DemoTarget.Tests.Support;

namespace Stampede.DemoTarget.Tests;

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
}
