using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Shouldly;
using Stampede.DemoTarget.Tests.Support;

namespace Stampede.DemoTarget.Tests.Streaming;

public class ChatEndpointsTests(DemoTargetFixture target) : IClassFixture<DemoTargetFixture>
{
    [Fact]
    public async Task PostChat_Message_StreamsTokenEventsThenDone()
    {
        using var response = await Send(new { message = "hello there" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        var events = await SseReader.ReadAllAsync(response);
        events.Count.ShouldBeGreaterThan(1);
        events[..^1].ShouldAllBe(e => e.Event == "token");
        events[^1].Event.ShouldBe("done");
        using var done = JsonDocument.Parse(events[^1].Data);
        done.RootElement.GetProperty("tokens").GetInt32().ShouldBe(events.Count - 1);
    }

    [Fact]
    public async Task PostChat_SmallDelays_TokenTimingFollowsTheDistribution()
    {
        // Configured: TTFT 50 ms ± 5, ITL 10 ms ± 2. Tolerances are wide because timers and a shared machine jitter.
        var started = Stopwatch.GetTimestamp();
        using var response = await Send(new { message = "timing please" });
        var events = await SseReader.ReadAllAsync(response);

        var tokens = events.Where(e => e.Event == "token").ToList();
        tokens.Count.ShouldBeGreaterThan(3);
        var ttft = Stopwatch.GetElapsedTime(started, tokens[0].Timestamp);
        ttft.TotalMilliseconds.ShouldBeInRange(40, 400);
        var gaps = tokens.Zip(tokens.Skip(1), (a, b) => Stopwatch.GetElapsedTime(a.Timestamp, b.Timestamp).TotalMilliseconds).ToList();
        gaps.Average().ShouldBeInRange(5, 40);
        var total = Stopwatch.GetElapsedTime(tokens[0].Timestamp, tokens[^1].Timestamp).TotalMilliseconds;
        total.ShouldBeGreaterThanOrEqualTo((tokens.Count - 1) * 6);
    }

    [Fact]
    public async Task PostChat_ConversationId_SecondAnswerRefersToFirstQuestion()
    {
        using var first = await Send(new { message = "tell me about rockets" });
        var firstEvents = await SseReader.ReadAllAsync(first);
        var conversationId = JsonDocument.Parse(firstEvents[^1].Data).RootElement.GetProperty("conversationId").GetString();
        first.Headers.GetValues("X-Conversation-Id").Single().ShouldBe(conversationId);

        using var second = await Send(new { message = "and their engines?", conversationId });
        var text = Text(await SseReader.ReadAllAsync(second));

        text.ShouldStartWith("Earlier you asked \"tell me about rockets\".");
        Text(firstEvents).ShouldNotContain("Earlier");
    }

    [Fact]
    public async Task PostChat_NoMessage_Returns400()
    {
        using var response = await target.Client.PostAsJsonAsync("api/chat", new { conversationId = "x" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PostChat_SameQuestionOnSameSeed_SameAnswer()
    {
        using var a = await Send(new { message = "repeatable?" });
        using var b = await Send(new { message = "repeatable?" });

        Text(await SseReader.ReadAllAsync(a)).ShouldBe(Text(await SseReader.ReadAllAsync(b)));
    }

    [Fact]
    public async Task WebSocketChat_TwoMessages_StreamsTokensAndEndWithHistory()
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(target.WebSocketUri("api/chat"), CancellationToken.None);

        await SendText(socket, """{"message":"first question here"}""");
        var first = await ReadAnswer(socket);
        await SendText(socket, JsonSerializer.Serialize(new { message = "second", conversationId = first.ConversationId }));
        var second = await ReadAnswer(socket);

        first.Tokens.Count.ShouldBe(first.Count);
        first.Tokens.Count.ShouldBeGreaterThan(0);
        second.ConversationId.ShouldBe(first.ConversationId);
        string.Concat(second.Tokens).ShouldStartWith("Earlier you asked \"first question here\".");
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        socket.State.ShouldBe(WebSocketState.Closed);
    }

    [Fact]
    public async Task GetChat_NotAWebSocket_Returns400()
    {
        using var response = await target.Client.GetAsync("api/chat");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    internal static async Task SendText(ClientWebSocket socket, string text) =>
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    internal static async Task<JsonElement> Receive(ClientWebSocket socket, CancellationToken cancellationToken = default)
    {
        var buffer = new byte[16 * 1024];
        var count = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(count), cancellationToken);
            result.MessageType.ShouldBe(WebSocketMessageType.Text);
            count += result.Count;
            if (result.EndOfMessage)
            {
                return JsonDocument.Parse(buffer.AsMemory(0, count)).RootElement.Clone();
            }
        }
    }

    private static async Task<(string ConversationId, List<string> Tokens, int Count)> ReadAnswer(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var start = await Receive(socket, timeout.Token);
        start.GetProperty("type").GetString().ShouldBe("start");
        var tokens = new List<string>();
        while (true)
        {
            var message = await Receive(socket, timeout.Token);
            switch (message.GetProperty("type").GetString())
            {
                case "token":
                    tokens.Add(message.GetProperty("token").GetString()!);
                    break;
                case "end":
                    return (message.GetProperty("conversationId").GetString()!, tokens, message.GetProperty("tokens").GetInt32());
                default:
                    throw new InvalidOperationException(message.ToString());
            }
        }
    }

    private static string Text(List<SseEvent> events) =>
        string.Concat(events.Where(e => e.Event == "token").Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("token").GetString()));

    private Task<HttpResponseMessage> Send(object body) =>
        target.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/chat") { Content = JsonContent.Create(body) }, HttpCompletionOption.ResponseHeadersRead);

    [Fact]
    public async Task PostChat_NoMessage_WritesInvalidRequestWithRelaxedEscaping()
    {
        using var response = await target.Client.PostAsJsonAsync("api/chat", new { conversationId = "x" });

        WireJson.MediaTypeWithCharset(response).ShouldBe("application/json; charset=utf-8");
        (await WireJson.BodyAsync(response)).ShouldBe(
            """{"error":"invalid_request","message":"Send JSON {\"message\": \"...\", \"conversationId\": optional}."}""");
    }

    [Fact]
    public async Task GetChat_NotAWebSocket_WritesWebSocketRequired()
    {
        using var response = await target.Client.GetAsync("api/chat");

        (await WireJson.BodyAsync(response)).ShouldBe(
            """{"error":"websocket_required","message":"GET /api/chat is a WebSocket; use POST /api/chat for Server-Sent Events."}""");
    }

    [Fact]
    public async Task WebSocketChat_JsonMessageInAnyCase_IsRead()
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(target.WebSocketUri("api/chat"), CancellationToken.None);

        await SendText(socket, """{"Message":"shouted keys"}""");
        var answer = await ReadAnswer(socket);

        answer.Tokens.Count.ShouldBeGreaterThan(0);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }
}
