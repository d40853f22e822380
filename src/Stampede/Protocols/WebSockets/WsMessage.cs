using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Stampede.Protocols.WebSockets;

/// <summary>One received WebSocket message.</summary>
/// <param name="Type">Text or binary.</param>
/// <param name="Bytes">The payload.</param>
/// <param name="Timestamp"><see cref="TimeProvider.GetTimestamp"/> of the network read that delivered its first frame.</param>
public readonly record struct WsMessage(WebSocketMessageType Type, ReadOnlyMemory<byte> Bytes, long Timestamp)
{
    /// <summary>
    /// It arrived in the same network read as the message before it (it shares that read's timestamp); counted in
    /// <c>ws_coalesced_messages</c> and never recorded as a gap.
    /// </summary>
    public bool Coalesced { get; init; }

    /// <summary>The payload decoded as UTF-8.</summary>
    public string Text => Encoding.UTF8.GetString(Bytes.Span);

    /// <summary>The payload parsed as JSON (a detached copy); throws <see cref="JsonException"/> when it is not JSON.</summary>
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Bytes);
        return document.RootElement.Clone();
    }
}
