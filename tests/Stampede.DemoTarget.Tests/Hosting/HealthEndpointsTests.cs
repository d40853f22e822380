using System.Net;
using System.Text.Json;
using Shouldly;
using Stampede.DemoTarget.Tests.Support;

namespace Stampede.DemoTarget.Tests.Hosting;

public class HealthEndpointsTests(DemoTargetFixture target) : IClassFixture<DemoTargetFixture>
{
    [Fact]
    public async Task GetHealth_Running_ReturnsOkStatus()
    {
        using var response = await target.Client.GetAsync("api/health");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("status").GetString().ShouldBe("ok");
        body.RootElement.GetProperty("seed").GetInt32().ShouldBe(42);
    }

    [Fact]
    public async Task GetHealth_Running_WritesCamelCaseFieldsInOrder()
    {
        using var response = await target.Client.GetAsync("api/health");

        WireJson.MediaTypeWithCharset(response).ShouldBe("application/json; charset=utf-8");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        WireJson.Names(body.RootElement).ShouldBe("status,service,version,seed,uptimeSeconds,inFlight");
        body.RootElement.GetProperty("service").GetString().ShouldBe("stampede-demo-target");
        body.RootElement.GetProperty("uptimeSeconds").ValueKind.ShouldBe(JsonValueKind.Number);
        body.RootElement.GetProperty("inFlight").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task GetHealthDetails_Running_NestsTheBackendLoop()
    {
        using var response = await target.Client.GetAsync("api/health/details");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        WireJson.Names(body.RootElement).ShouldBe("status,uptimeSeconds,inFlight,loop");
        var loop = body.RootElement.GetProperty("loop");
        WireJson.Names(loop).ShouldBe("hz,targetHz,ticks");
        loop.GetProperty("hz").ValueKind.ShouldBe(JsonValueKind.Number);
        loop.GetProperty("targetHz").GetInt32().ShouldBeGreaterThan(0);
    }
}
