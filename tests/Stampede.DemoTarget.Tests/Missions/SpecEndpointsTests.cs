using System.Net;
using System.Text.Json;
using Shouldly;
using Stampede.DemoTarget.Tests.Support;

namespace Stampede.DemoTarget.Tests.Missions;

public class SpecEndpointsTests(DemoTargetFixture target) : IClassFixture<DemoTargetFixture>
{
    [Fact]
    public async Task GetSpec_KnownId_Returns200WithPayloadOfConfiguredSize()
    {
        using var response = await target.Client.GetAsync("api/specs/spec-1");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("id").GetString().ShouldBe("spec-1");
        body.RootElement.GetProperty("body").GetString()!.Length.ShouldBe(1024);
    }

    [Fact]
    public async Task GetSpec_UnknownId_Returns404()
    {
        using var response = await target.Client.GetAsync("api/specs/spec-0");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Search_Query_ReturnsMatchingArray()
    {
        using var response = await target.Client.GetAsync("api/specs/search?q=thermal&limit=5");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var specs = body.RootElement.EnumerateArray().ToList();
        specs.Count.ShouldBe(5);
        specs.ShouldAllBe(s => s.GetProperty("title").GetString()!.Contains("Thermal", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Search_NoMatch_ReturnsEmptyArray()
    {
        using var response = await target.Client.GetAsync("api/specs/search?q=zzzz-nothing");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("[]");
    }

    [Fact]
    public async Task GetSpec_KnownId_WritesCamelCaseFieldsInOrder()
    {
        using var response = await target.Client.GetAsync("api/specs/spec-3");

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        WireJson.Names(body.RootElement).ShouldBe("id,title,tags,body");
        body.RootElement.GetProperty("tags").ValueKind.ShouldBe(JsonValueKind.Array);
    }

    [Fact]
    public async Task GetSpec_UnknownId_WritesNotFoundError()
    {
        using var response = await target.Client.GetAsync("api/specs/nope");

        (await WireJson.BodyAsync(response)).ShouldBe("""{"error":"not_found","message":"No spec 'nope'."}""");
    }
}
