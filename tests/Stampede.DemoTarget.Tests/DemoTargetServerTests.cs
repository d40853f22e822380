using System.Net;
using Shouldly;
using Stampede.DemoTarget.Tests.Support;

namespace Stampede.DemoTarget.Tests;

public class DemoTargetServerTests
{
    [Fact]
    public async Task StartAsync_PortZero_ListensOnAFreeLoopbackPort()
    {
        await using var server = await DemoTargetServer.StartAsync(new DemoTargetOptions { Port = 0 });

        server.BaseAddress.Host.ShouldBe("127.0.0.1");
        server.BaseAddress.Port.ShouldBeGreaterThan(0);
        server.BaseAddress.AbsolutePath.ShouldBe("/");
        using var client = DemoTargetFixture.CreateClient(server);
        (await client.GetAsync("api/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task StartAsync_SameSeed_SameDemoApiKey()
    {
        await using var first = await DemoTargetServer.StartAsync(new DemoTargetOptions { Port = 0, Seed = 7 });
        await using var second = await DemoTargetServer.StartAsync(new DemoTargetOptions { Port = 0, Seed = 7 });
        await using var other = await DemoTargetServer.StartAsync(new DemoTargetOptions { Port = 0, Seed = 8 });

        first.DemoApiKey.ShouldNotBeNull();
        first.DemoApiKey.ShouldStartWith("sk-demo-");
        second.DemoApiKey.ShouldBe(first.DemoApiKey);
        other.DemoApiKey.ShouldNotBe(first.DemoApiKey);
    }

    [Fact]
    public async Task StartAsync_SeedDemoOrgOff_NoDemoKey()
    {
        await using var server = await DemoTargetServer.StartAsync(new DemoTargetOptions { Port = 0, SeedDemoOrg = false });

        server.DemoApiKey.ShouldBeNull();
        using var client = DemoTargetFixture.CreateClient(server);
        (await client.GetAsync("v1/orgs/demo")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task StartAsync_InvalidOptions_ThrowsListingEveryProblem()
    {
        var options = new DemoTargetOptions { Port = -1, ErrorRate = 2 };

        var error = await Should.ThrowAsync<ArgumentException>(() => DemoTargetServer.StartAsync(options));

        error.Message.ShouldContain("Port");
        error.Message.ShouldContain("ErrorRate");
    }

    [Fact]
    public async Task StopAsync_CalledTwice_StopsListening()
    {
        var server = await DemoTargetServer.StartAsync(new DemoTargetOptions { Port = 0 });
        using var client = DemoTargetFixture.CreateClient(server);
        client.Timeout = TimeSpan.FromSeconds(3);

        await server.StopAsync();
        await server.StopAsync();

        await Should.ThrowAsync<HttpRequestException>(() => client.GetAsync("api/health"));
        await server.DisposeAsync();
    }

    [Fact]
    public async Task StopAsync_OpenWebSocketSession_StopsPromptly()
    {
        var server = await DemoTargetServer.StartAsync(DemoTargetFixture.FastOptions);
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        await socket.ConnectAsync(new UriBuilder(new Uri(server.BaseAddress, "ws")) { Scheme = "ws" }.Uri, CancellationToken.None);
        var started = System.Diagnostics.Stopwatch.StartNew();

        await server.DisposeAsync();

        started.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task StartAsync_PortTaken_ThrowsIOException()
    {
        await using var first = await DemoTargetServer.StartAsync(new DemoTargetOptions { Port = 0 });

        await Should.ThrowAsync<IOException>(() => DemoTargetServer.StartAsync(new DemoTargetOptions { Port = first.BaseAddress.Port }));
    }
}
