using System.Net.WebSockets;
using Shouldly;
using Stampede.DemoTarget.Tests.Support;

namespace Stampede.DemoTarget.Tests.Streaming;

public class PubSubEndpointsTests(DemoTargetFixture target) : IClassFixture<DemoTargetFixture>
{
    [Fact]
    public async Task Subscribe_Channel_ConfirmsThenPublishesPeriodicMessages()
    {
        using var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(target.WebSocketUri("ws"), timeout.Token);

        await ChatEndpointsTests.SendText(socket, """{"type":"subscribe","channel":"prices"}""");
        var confirmed = await ChatEndpointsTests.Receive(socket, timeout.Token);
        var first = await ChatEndpointsTests.Receive(socket, timeout.Token);
        var second = await ChatEndpointsTests.Receive(socket, timeout.Token);

        confirmed.GetProperty("type").GetString().ShouldBe("subscribed");
        first.GetProperty("type").GetString().ShouldBe("message");
        first.GetProperty("channel").GetString().ShouldBe("prices");
        second.GetProperty("seq").GetInt64().ShouldBe(first.GetProperty("seq").GetInt64() + 1);
        first.GetProperty("data").GetProperty("value").GetDouble().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Ping_Sent_AnswersPong()
    {
        using var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(target.WebSocketUri("ws"), timeout.Token);

        await ChatEndpointsTests.SendText(socket, """{"type":"ping"}""");

        (await ChatEndpointsTests.Receive(socket, timeout.Token)).GetProperty("type").GetString().ShouldBe("pong");
    }

    [Fact]
    public async Task UnknownMessage_Sent_AnswersError()
    {
        using var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(target.WebSocketUri("ws"), timeout.Token);

        await ChatEndpointsTests.SendText(socket, "not json");

        (await ChatEndpointsTests.Receive(socket, timeout.Token)).GetProperty("type").GetString().ShouldBe("error");
    }

    [Fact]
    public async Task ManySessions_Subscribed_AllReceiveMessages()
    {
        const int sessions = 200;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var sockets = Enumerable.Range(0, sessions).Select(_ => new ClientWebSocket()).ToList();
        try
        {
            await Task.WhenAll(sockets.Select(s => s.ConnectAsync(target.WebSocketUri("ws"), timeout.Token)));
            await Task.WhenAll(sockets.Select(s => ChatEndpointsTests.SendText(s, """{"type":"subscribe","channel":"load"}""")));

            var seconds = await Task.WhenAll(sockets.Select(async s =>
            {
                await ChatEndpointsTests.Receive(s, timeout.Token);
                return await ChatEndpointsTests.Receive(s, timeout.Token);
            }));

            seconds.ShouldAllBe(m => m.GetProperty("type").GetString() == "message");
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Abort();
                socket.Dispose();
            }
        }
    }

    [Fact]
    public async Task Get_NotAWebSocket_WritesWebSocketRequired()
    {
        using var response = await target.Client.GetAsync("ws");

        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        (await WireJson.BodyAsync(response)).ShouldBe("""{"error":"websocket_required","message":"GET /ws is a WebSocket pub/sub endpoint."}""");
    }
}
