using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Stampede.DemoTarget.Hosting;

namespace Stampede.DemoTarget.Streaming;

/// <summary>
/// Streaming chat: <c>POST /api/chat</c> answers as Server-Sent Events (<c>token</c> events, then <c>done</c>);
/// <c>GET /api/chat</c> upgraded to a WebSocket answers each message with <c>start</c>, <c>token</c>… and <c>end</c>.
/// A <c>conversationId</c> carries history between turns.
/// </summary>
internal static class ChatEndpoints
{
    private const int MaxMessageBytes = 64 * 1024;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/chat", StreamSseAsync);
        app.MapGet("/api/chat", ServeWebSocketAsync);
    }

    private static async Task StreamSseAsync(HttpContext context, StreamingServices services)
    {
        var request = await JsonBody.ReadAsync(context.Request, DemoJsonContext.Default.ChatRequest, context.RequestAborted);
        if (string.IsNullOrWhiteSpace(request?.Message))
        {
            await Results.BadRequest(new ErrorResponse("invalid_request", "Send JSON {\"message\": \"...\", \"conversationId\": optional}.")).ExecuteAsync(context);
            return;
        }

        var state = context.Features.GetRequiredFeature<RequestState>();
        var conversation = services.Conversations.GetOrStart(request.ConversationId);
        var tokens = services.Composer.Compose(request.Message, conversation.Ask(request.Message));
        var pacer = new TokenPacer(services.Options, services.Clock, state, tokens.Length);
        context.Response.Headers["X-Conversation-Id"] = conversation.Id;
        using var cancel = services.Link(context.RequestAborted);
        using var active = services.Metrics.TrackStream(StreamKind.Sse);
        try
        {
            using var sse = await SseWriter.StartAsync(context, cancel.Token);
            for (var i = 0; i < tokens.Length; i++)
            {
                await pacer.WaitForNextTokenAsync(cancel.Token);
                if (i == pacer.DropAfter)
                {
                    services.Metrics.DroppedConnection();
                    context.Abort();
                    return;
                }

                var json = sse.BeginEvent("token");
                json.WriteStartObject();
                json.WriteNumber("index", i);
                json.WriteString("token", tokens[i]);
                json.WriteEndObject();
                await sse.EndEventAsync(cancel.Token);
            }

            var done = sse.BeginEvent("done");
            done.WriteStartObject();
            done.WriteString("conversationId", conversation.Id);
            done.WriteNumber("turn", conversation.Turns);
            done.WriteNumber("tokens", tokens.Length);
            done.WriteString("finishReason", "stop");
            done.WriteEndObject();
            await sse.EndEventAsync(cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The client left or the server is stopping; nothing more to say.
        }
    }

    private static async Task ServeWebSocketAsync(HttpContext context, StreamingServices services)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Results.BadRequest(new ErrorResponse("websocket_required", "GET /api/chat is a WebSocket; use POST /api/chat for Server-Sent Events.")).ExecuteAsync(context);
            return;
        }

        var state = context.Features.GetRequiredFeature<RequestState>();
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var cancel = services.Link(context.RequestAborted);
        using var session = new WebSocketSession(socket);
        services.Metrics.WebSocketOpened();
        try
        {
            while (await session.ReceiveTextAsync(MaxMessageBytes, cancel.Token) is { } text)
            {
                var request = Parse(text);
                if (string.IsNullOrWhiteSpace(request.Message))
                {
                    await session.SendAsync(w => { w.WriteString("type", "error"); w.WriteString("message", "Send text, or JSON {\"message\": \"...\", \"conversationId\": optional}."); }, cancel.Token);
                    continue;
                }

                // Each message gets its own random, drawn from the session's, so a session replays the same way.
                var turn = new RequestState(new SeededRandom(state.Random.NextUInt64()), state.Faults);
                if (!await AnswerAsync(context, services, session, turn, request, cancel.Token))
                {
                    return;
                }
            }

            await session.CloseAsync(cancel.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The client went away or the server is stopping.
        }
        finally
        {
            services.Metrics.WebSocketClosed();
        }
    }

    /// <summary>Streams one answer; false when the connection was dropped on purpose.</summary>
    private static async Task<bool> AnswerAsync(HttpContext context, StreamingServices services, WebSocketSession session, RequestState state, ChatRequest request, CancellationToken cancellationToken)
    {
        var conversation = services.Conversations.GetOrStart(request.ConversationId);
        var tokens = services.Composer.Compose(request.Message!, conversation.Ask(request.Message!));
        var pacer = new TokenPacer(services.Options, services.Clock, state, tokens.Length);
        using var active = services.Metrics.TrackStream(StreamKind.WebSocket);
        await session.SendAsync(w => { w.WriteString("type", "start"); w.WriteString("conversationId", conversation.Id); }, cancellationToken);
        for (var i = 0; i < tokens.Length; i++)
        {
            await pacer.WaitForNextTokenAsync(cancellationToken);
            if (i == pacer.DropAfter)
            {
                services.Metrics.DroppedConnection();
                context.Abort();
                return false;
            }

            var index = i;
            await session.SendAsync(w => { w.WriteString("type", "token"); w.WriteNumber("index", index); w.WriteString("token", tokens[index]); }, cancellationToken);
        }

        await session.SendAsync(
            w =>
            {
                w.WriteString("type", "end");
                w.WriteString("conversationId", conversation.Id);
                w.WriteNumber("turn", conversation.Turns);
                w.WriteNumber("tokens", tokens.Length);
            },
            cancellationToken);
        return true;
    }

    private static ChatRequest Parse(string text)
    {
        if (text.TrimStart().StartsWith('{'))
        {
            try
            {
                return JsonSerializer.Deserialize(text, DemoJsonContext.Default.ChatRequest) ?? new ChatRequest(null, null);
            }
            catch (JsonException)
            {
                return new ChatRequest(null, null);
            }
        }

        return new ChatRequest(text, null);
    }
}
