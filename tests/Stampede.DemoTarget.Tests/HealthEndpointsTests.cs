using System.Net;
using System.Text.Json;
using Shouldly;
using Stampede.DemoTarget.Tests.Support;

namespace Stampede.DemoTarget.Tests;

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
}
