using System.Text.Json;
using Stampede.Protocols.WebSockets;

namespace Stampede.Yaml.Flows;

/// <summary>
/// An end marker for WebSocket messages (<c>until: end</c>): a message whose text is the marker, or a JSON object
/// whose <c>type</c> or <c>event</c> member is — the two ways chat servers commonly say "this reply is over".
/// </summary>
internal sealed record WsMarker(string Text)
{
    public bool Matches(WsMessage message) => Matches(message.Text);

    public bool Matches(string text)
    {
        var trimmed = text.AsSpan().Trim();
        if (trimmed.SequenceEqual(Text))
        {
            return true;
        }

        if (trimmed.Length == 0 || trimmed[0] != '{')
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            return Member(root, "type") || Member(root, "event");
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private bool Member(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.ValueEquals(Text);
}
