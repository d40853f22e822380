using Xunit;

namespace Stampede.Tests.Protocols.Http;

/// <summary>One HTTP/1.1, one h2c and one HTTPS server, started once for a test class.</summary>
public sealed class TestHttpServers : IAsyncLifetime
{
    public TestHttpServer Http1 { get; private set; } = null!;

    public TestHttpServer Http2 { get; private set; } = null!;

    public TestHttpServer Https { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var started = await Task.WhenAll(
            TestHttpServer.StartAsync(TestServerProtocol.Http1),
            TestHttpServer.StartAsync(TestServerProtocol.Http2Cleartext),
            TestHttpServer.StartAsync(TestServerProtocol.Https));
        (Http1, Http2, Https) = (started[0], started[1], started[2]);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in new[] { Http1, Http2, Https })
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }
}
