namespace Stampede.Yaml.Flows;

/// <summary>
/// What a streaming step (or one WebSocket receive) produced, as its checks and captures see it: named figures
/// (a null or missing figure does not exist) and the data of every event or message, in order.
/// </summary>
internal sealed class StreamOutcome
{
    public Dictionary<string, object?> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>Each event's data (SSE) or message's text (WebSocket).</summary>
    public List<string> Items { get; } = [];
}
