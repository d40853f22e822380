using System.Net;
using System.Net.Sockets;
using System.Text;
using Shouldly;
using Stampede.Protocols.Http;
using Xunit;

namespace Stampede.Tests.Protocols.Http;

/// <summary>
/// The lean client against a scripted raw TCP server on 127.0.0.1, for the connection handling Kestrel will not
/// show on demand: keep-alive connections the server closed while idle, Connection: close, HEAD.
/// </summary>
public sealed class Http1ClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendAsync_ServerClosedIdleKeepAlive_RetriesOnNewConnection()
    {
        // Each connection answers one request as keep-alive, then the server closes it.
        await using var server = RawServer.Start(static (request, connectionIndex) =>
            (Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n{connectionIndex}"), CloseAfter: true));
        await using var session = new HttpSession(new HttpSessionOptions { BaseAddress = server.BaseAddress });

        var first = await session.GetAsync("/", Ct);
        await Task.Delay(100, Ct); // let the close arrive
        var second = await session.GetAsync("/", Ct);

        first.Body.ShouldBe("0");
        second.Status.ShouldBe(200);
        second.Body.ShouldBe("1");
        second.Timings.Connecting.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task SendAsync_ConnectionClose_NextRequestConnectsAgain()
    {
        await using var server = RawServer.Start(static (_, index) =>
            (Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\n{index}"), CloseAfter: false));
        await using var session = new HttpSession(new HttpSessionOptions { BaseAddress = server.BaseAddress });

        await session.GetAsync("/", Ct);
        var second = await session.GetAsync("/", Ct);

        second.Body.ShouldBe("1");
        second.Timings.Connecting.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task SendAsync_Head_ReadsNoBodyDespiteContentLength()
    {
        await using var server = RawServer.Start(static (request, index) =>
            (Encoding.ASCII.GetBytes(request.StartsWith("HEAD", StringComparison.Ordinal)
                ? "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"
                : "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"), CloseAfter: false));
        await using var session = new HttpSession(new HttpSessionOptions { BaseAddress = server.BaseAddress });

        var head = await session.SendAsync(new HttpRequestSpec(HttpMethod.Head, "/"), Ct);
        var get = await session.GetAsync("/", Ct);

        head.Status.ShouldBe(200);
        head.Body.ShouldBe("");
        get.Body.ShouldBe("hello");
        get.Timings.Connecting.ShouldBe(0);
    }

    /// <summary>Answers each request head with a scripted response; bounded by the test's lifetime.</summary>
    private sealed class RawServer : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        private RawServer(Func<string, int, (byte[] Response, bool CloseAfter)> respond)
        {
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
            _loop = AcceptAsync(respond);
        }

        public Uri BaseAddress { get; }

        public static RawServer Start(Func<string, int, (byte[] Response, bool CloseAfter)> respond) => new(respond);

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            try
            {
                await _loop;
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException
                or InvalidOperationException)
            {
                // The accept loop ended because we stopped it. InvalidOperationException ("not listening") is the
                // loop coming back to accept between the cancel and the listener's stop.
            }

            _stop.Dispose();
        }

        private async Task AcceptAsync(Func<string, int, (byte[] Response, bool CloseAfter)> respond)
        {
            for (var index = 0; ; index++)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = ServeAsync(client, index, respond);
            }
        }

        private async Task ServeAsync(TcpClient client, int index, Func<string, int, (byte[] Response, bool CloseAfter)> respond)
        {
            using (client)
            {
                var stream = client.GetStream();
                var buffer = new byte[4096];
                var filled = 0;
                try
                {
                    while (true)
                    {
                        var read = await stream.ReadAsync(buffer.AsMemory(filled), _stop.Token);
                        if (read == 0)
                        {
                            return;
                        }

                        filled += read;
                        var text = Encoding.ASCII.GetString(buffer, 0, filled);
                        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                        if (end < 0)
                        {
                            continue;
                        }

                        filled = 0;
                        var (response, closeAfter) = respond(text[..end], index);
                        await stream.WriteAsync(response, _stop.Token);
                        if (closeAfter || response.AsSpan().IndexOf("Connection: close"u8) >= 0)
                        {
                            return;
                        }
                    }
                }
                catch (Exception exception) when (exception is OperationCanceledException or IOException)
                {
                }
            }
        }
    }
}
