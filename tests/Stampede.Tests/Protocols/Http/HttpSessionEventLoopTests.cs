using Shouldly;
using Stampede.Protocols.Http;
using Xunit;

namespace Stampede.Tests.Protocols.Http;

/// <summary>
/// Every <see cref="HttpSessionTests"/> case again with plain-HTTP connections on Stampede's own epoll loop (as the
/// CLI runs them), and what only the loop does: continuing on its thread, waiting for a full send buffer.
/// </summary>
public sealed class HttpSessionEventLoopTests(TestHttpServers servers) : HttpSessionTests(servers), IDisposable
{
    private readonly EpollLoop _loop = EpollLoop.TryCreate() ?? throw new InvalidOperationException("this test needs Linux's epoll");
    private readonly TestHttpServers _servers = servers;

    private protected override EpollLoop? SocketLoop => _loop;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _loop.Dispose();

    [Fact]
    public async Task SendAsync_OnLoop_ContinuesOnTheLoopThread()
    {
        await using var session = new HttpSession(new HttpSessionOptions { SocketLoop = _loop, BaseAddress = _servers.Http1.BaseAddress });

        // A response that takes a while: one already waiting when the read starts completes on the caller's thread.
        var (status, thread) = await GetAndNameThreadAsync(session, "/slow/50");

        status.ShouldBe(200);
        thread.ShouldBe("Stampede sockets");
    }

    /// <summary>Outside the test method, so the test framework's context does not move the continuation itself.</summary>
    private static async Task<(int Status, string? Thread)> GetAndNameThreadAsync(HttpSession session, string url)
    {
        var response = await session.GetAsync(url, Ct).ConfigureAwait(false);
        return (response.Status, Thread.CurrentThread.Name);
    }

    [Fact]
    public async Task SendAsync_BodyLargerThanSocketBuffers_WaitsForRoomAndArrivesIntact()
    {
        await using var session = new HttpSession(new HttpSessionOptions { SocketLoop = _loop, BaseAddress = _servers.Http1.BaseAddress });
        var payload = new byte[16 * 1024 * 1024];
        new Random(7).NextBytes(payload);

        var response = await session.PostAsync("/echo", HttpBody.Raw(payload, "application/octet-stream"), Ct);

        response.Status.ShouldBe(200);
        response.BodyBytes.Length.ShouldBe(payload.Length);
        response.BodyBytes.Span.SequenceEqual(payload).ShouldBeTrue();
        response.BytesSent.ShouldBeGreaterThan(payload.Length);
    }

    [Fact]
    public async Task SendAsync_ManyConcurrentSessions_EveryResponseArrives()
    {
        var sessions = Enumerable.Range(0, 50)
            .Select(_ => new HttpSession(new HttpSessionOptions { SocketLoop = _loop, BaseAddress = _servers.Http1.BaseAddress }))
            .ToArray();
        try
        {
            var statuses = await Task.WhenAll(sessions.Select(async session =>
            {
                var ok = 0;
                for (var i = 0; i < 20; i++)
                {
                    ok += (await session.GetAsync("/bytes/3000", Ct)).Status == 200 ? 1 : 0;
                }

                return ok;
            }));

            statuses.Sum().ShouldBe(50 * 20);
        }
        finally
        {
            foreach (var session in sessions)
            {
                await session.DisposeAsync();
            }
        }
    }
}
