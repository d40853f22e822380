using Shouldly;
using Stampede.Metrics;
using Stampede.Protocols.WebSockets;
using Stampede.Tests.Protocols.Sse;
using Xunit;

namespace Stampede.Tests.Protocols.WebSockets;

public sealed class WsSessionTests : IAsyncLifetime
{
    private StreamingTestServer _server = null!;
    private readonly MetricRegistry _registry = new();

    public async ValueTask InitializeAsync() => _server = await StreamingTestServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task StreamAsync_TwoFramesInOneFlush_AreCoalescedNotAZeroGap()
    {
        await using var ws = new VuWs(_registry, TimeProvider.System, () => TagSet.Of(("scenario", "test")),
            () => TestContext.Current.CancellationToken, _server.BaseAddress);
        var session = (await ws.ConnectAsync("/ws/burst", name: "burst")).ShouldNotBeNull();

        var reply = await session.StreamAsync("go", isEnd: m => m.Text == "c", idleTimeout: TimeSpan.FromSeconds(5));
        await session.CloseAsync();

        reply.Completed.ShouldBeTrue();
        reply.Messages.Select(m => (m.Text, m.Coalesced)).ShouldBe([("a", false), ("b", true), ("c", false)]);
        reply.Messages[1].Timestamp.ShouldBe(reply.Messages[0].Timestamp);
        _registry.Total("ws_coalesced_messages").ShouldBe(1);
        _registry.Trend("ws_message_gap").Count.ShouldBe(1);   // b → c only; a → b is not a gap
        _registry.Trend("ws_message_gap").Min.ShouldBeGreaterThanOrEqualTo(50);
    }
}
