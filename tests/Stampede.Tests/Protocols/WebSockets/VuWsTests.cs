using System.Net.WebSockets;
using Shouldly;
using Stampede.DemoTarget;
using Stampede.Metrics;
using Stampede.Protocols.WebSockets;
using Stampede.Tests.Protocols.Sse;
using Stampede.Tests.TestServers;
using Xunit;

namespace Stampede.Tests.Protocols.WebSockets;

public sealed class VuWsTests : IAsyncLifetime
{
    private DemoTargetServer _server = null!;
    private readonly MetricRegistry _registry = new();

    public async ValueTask InitializeAsync() => _server = await DemoTargetServer.StartAsync(new DemoTargetOptions
    {
        Port = 0,
        TimeToFirstTokenMean = TimeSpan.FromMilliseconds(40),
        TimeToFirstTokenStdDev = TimeSpan.FromMilliseconds(2),
        InterTokenDelayMean = TimeSpan.FromMilliseconds(10),
        InterTokenDelayStdDev = TimeSpan.FromMilliseconds(1),
        AnswerTokensMean = 8,
        AnswerTokensStdDev = 1,
        PubSubInterval = TimeSpan.FromMilliseconds(30),
    });

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private VuWs Client() => new(_registry, TimeProvider.System, () => TagSet.Of(("scenario", "test")),
        () => TestContext.Current.CancellationToken, _server.BaseAddress);

    [Fact]
    public async Task StreamAsync_ChatReply_RecordsFirstMessageAndGaps()
    {
        await using var ws = Client();
        var session = (await ws.ConnectAsync("/api/chat", name: "chat")).ShouldNotBeNull();

        var reply = await session.StreamAsync("""{"message":"hello"}""", isEnd: m => m.Text.Contains("\"end\""),
            belongs: m => !m.Text.Contains("\"start\""), idleTimeout: TimeSpan.FromSeconds(5));
        await session.CloseAsync();

        reply.Completed.ShouldBeTrue();
        // First token after 40 ± 2 ms on the demo target's timer, which may end a tick early.
        reply.TimeToFirstMessageMs!.Value.ShouldBeGreaterThanOrEqualTo(25);
        reply.Messages.Count.ShouldBeGreaterThan(2);
        _registry.Total("ws_sessions").ShouldBe(1);
        _registry.Total("ws_msgs_sent").ShouldBe(1);
        _registry.Total("ws_msgs_received").ShouldBe(reply.Messages.Count + 1);
        _registry.Trend("ws_connecting").Count.ShouldBe(1);
        _registry.Trend("ws_time_to_first_message").Count.ShouldBe(1);
        _registry.TrendCount("ws_message_gap").ShouldBeGreaterThan(0);
        _registry.Trend("ws_session_duration").Count.ShouldBe(1);
    }

    [Fact]
    public async Task PingAsync_PubSubPing_RecordsRoundTrip()
    {
        await using var ws = Client();
        var session = (await ws.ConnectAsync("/ws")).ShouldNotBeNull();

        var rtt = await session.PingAsync("""{"type":"ping"}""", m => m.Text.Contains("pong"), TimeSpan.FromSeconds(5));

        rtt.ShouldNotBeNull().ShouldBeLessThan(TimeSpan.FromSeconds(1));
        _registry.Trend("ws_ping").Count.ShouldBe(1);
    }

    [Fact]
    public async Task ListenAsync_Subscription_HandsMessagesUntilTheHandlerStops()
    {
        await using var ws = Client();
        var session = (await ws.ConnectAsync("/ws")).ShouldNotBeNull();
        var reply = await session.RequestAsync("""{"type":"subscribe","channel":"x"}""", m => m.Text.Contains("subscribed"), TimeSpan.FromSeconds(5));
        reply.ShouldNotBeNull();

        var seen = 0;
        var handled = await session.ListenAsync(m => ++seen < 3, TimeSpan.FromSeconds(5));

        handled.ShouldBe(3);
    }

    [Fact]
    public async Task ReceiveAsync_Timeout_KeepsTheSessionAndTheLateMessage()
    {
        await using var ws = Client();
        var session = (await ws.ConnectAsync("/ws")).ShouldNotBeNull();

        // Nothing was asked yet, so nothing can come: the receive times out and stays pending for the next call.
        var none = await session.ReceiveAsync(TimeSpan.Zero);
        await session.SendTextAsync("""{"type":"subscribe","channel":"y"}""");
        var late = await session.ReceiveAsync(TimeSpan.FromSeconds(5));

        none.ShouldBeNull();
        late.ShouldNotBeNull().Text.ShouldContain("subscribed");
        session.State.ShouldBe(WebSocketState.Open);
    }

    [Fact]
    public async Task SendJsonAsync_WithTypeInfo_SendsTheSourceGeneratedJson()
    {
        await using var ws = Client();
        var session = (await ws.ConnectAsync("/ws")).ShouldNotBeNull();

        await session.SendJsonAsync(new WsJsonTestTypes.Subscribe("subscribe", "z"), WsJsonTestTypes.WsContext.Default.Subscribe);
        var reply = await session.ReceiveAsync(TimeSpan.FromSeconds(5));

        reply.ShouldNotBeNull().Text.ShouldContain("subscribed");
        _registry.Total("ws_msgs_sent").ShouldBe(1);
    }

    [Fact]
    public async Task ConnectAsync_MaxSessionDuration_ClosesTheSession()
    {
        await using var ws = Client();
        var session = (await ws.ConnectAsync(new WsConnectOptions("/ws") { MaxSessionDuration = TimeSpan.FromMilliseconds(100) })).ShouldNotBeNull();

        var message = await session.ReceiveAsync(TimeSpan.FromSeconds(5));

        message.ShouldBeNull();
        // The session's own timer counts on the coarse tick clock and may end a tick (up to 10 ms) early.
        _registry.Trend("ws_session_duration").Min.ShouldBeGreaterThanOrEqualTo(85);
    }

    [Fact]
    public async Task ConnectAsync_NoServer_ReturnsNullAndCountsTheError()
    {
        await using var ws = Client();
        var url = $"ws://127.0.0.1:{ClosedPort.Next()}/";

        var session = await ws.ConnectAsync(url, name: "nowhere");

        session.ShouldBeNull();
        _registry.Total("ws_errors", "error", "refused").ShouldBe(1);
    }
}
