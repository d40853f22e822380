using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Stampede.DemoTarget.Hosting;

namespace Stampede.DemoTarget.Streaming;

/// <summary>
/// <c>GET /ws</c>: a WebSocket pub/sub. The client sends <c>{"type":"subscribe","channel":"x"}</c> and gets
/// <c>{"type":"subscribed"}</c>, then a <c>{"type":"message"}</c> per channel every <c>PubSubInterval</c>;
/// <c>unsubscribe</c> and <c>ping</c> (answered by <c>pong</c>) work as their names say.
/// </summary>
internal static class PubSubEndpoints
{
    private const int MaxMessageBytes = 16 * 1024;
    private const int MaxChannelsPerSession = 64;

    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/ws", ServeAsync);

    private static async Task ServeAsync(HttpContext context, StreamingServices services)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Results.BadRequest(new ErrorResponse("websocket_required", "GET /ws is a WebSocket pub/sub endpoint.")).ExecuteAsync(context);
            return;
        }

        var state = context.Features.GetRequiredFeature<RequestState>();
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var cancel = services.Link(context.RequestAborted);
        using var session = new WebSocketSession(socket);
        var channels = new SortedSet<string>(StringComparer.Ordinal);
        Task? publisher = null;
        services.Metrics.WebSocketOpened();
        try
        {
            while (await session.ReceiveTextAsync(MaxMessageBytes, cancel.Token) is { } text)
            {
                var (type, channel) = Parse(text);
                switch (type)
                {
                    case "subscribe" when !string.IsNullOrWhiteSpace(channel):
                        lock (channels)
                        {
                            if (channels.Count < MaxChannelsPerSession)
                            {
                                channels.Add(channel);
                            }
                        }

                        await session.SendAsync(w => { w.WriteString("type", "subscribed"); w.WriteString("channel", channel); }, cancel.Token);
                        publisher ??= PublishAsync(session, channels, services, new SeededRandom(state.Random.NextUInt64()), cancel.Token);
                        break;
                    case "unsubscribe" when !string.IsNullOrWhiteSpace(channel):
                        lock (channels)
                        {
                            channels.Remove(channel);
                        }

                        await session.SendAsync(w => { w.WriteString("type", "unsubscribed"); w.WriteString("channel", channel); }, cancel.Token);
                        break;
                    case "ping":
                        await session.SendAsync(w => w.WriteString("type", "pong"), cancel.Token);
                        break;
                    default:
                        await session.SendAsync(w => { w.WriteString("type", "error"); w.WriteString("message", "Expected {\"type\":\"subscribe\"|\"unsubscribe\",\"channel\":\"...\"} or {\"type\":\"ping\"}."); }, cancel.Token);
                        break;
                }
            }

            await cancel.CancelAsync();
            await session.CloseAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The client went away or the server is stopping.
        }
        finally
        {
            await cancel.CancelAsync();
            if (publisher is not null)
            {
                await publisher;
            }

            services.Metrics.WebSocketClosed();
        }
    }

    private static async Task PublishAsync(WebSocketSession session, SortedSet<string> channels, StreamingServices services, SeededRandom random, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(services.Options.PubSubInterval, services.Clock.Time);
        long sequence = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                string[] current;
                lock (channels)
                {
                    current = [.. channels];
                }

                sequence++;
                foreach (var channel in current)
                {
                    var value = Math.Round(100 + random.NextGaussian(0, 10), 3);
                    var seq = sequence;
                    await session.SendAsync(
                        w =>
                        {
                            w.WriteString("type", "message");
                            w.WriteString("channel", channel);
                            w.WriteNumber("seq", seq);
                            w.WriteStartObject("data");
                            w.WriteNumber("value", value);
                            w.WriteEndObject();
                        },
                        cancellationToken);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The session ended.
        }
    }

    private static (string? Type, string? Channel) Parse(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            var type = root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var channel = root.TryGetProperty("channel", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            return (type, channel);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }
}
