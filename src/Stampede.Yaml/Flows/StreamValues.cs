namespace Stampede.Yaml.Flows;

/// <summary>
/// The values one kind of streaming step offers to checks and captures: named figures (some of them durations in
/// ms, compared with units such as <c>&lt;1s</c>), <c>json.PATH</c> into the last event or message when the kind has
/// one, and a name that tests every event or message in a check (<c>event</c>, <c>message</c>).
/// </summary>
internal sealed record StreamValues(string Kind, IReadOnlyList<string> Names, IReadOnlyList<string> Durations, string? AnyName, bool HasJson)
{
    public static StreamValues Sse { get; } = new("sse",
        ["status", "events", "terminal", "error", "duration", "firstEvent", "connect", "data", "type", "reconnects"],
        ["duration", "firstEvent", "connect"], "event", HasJson: true);

    public static StreamValues Ws { get; } = new("ws",
        ["connected", "status", "messages", "completed", "error", "duration", "firstMessage", "ping", "text"],
        ["duration", "firstMessage", "ping"], "message", HasJson: true);

    /// <summary>One message of a session: what <c>belongs:</c> and a <c>listen</c>'s per-message checks read.</summary>
    public static StreamValues WsMessage { get; } = new("ws message", ["text"], [], null, HasJson: true);

    public static StreamValues Llm { get; } = new("llm",
        ["ok", "good", "status", "error", "errorMessage", "text", "ttft", "tpot", "e2e", "outputTokens", "inputTokens", "chunks", "cost", "finishReason", "turns"],
        ["ttft", "tpot", "e2e"], null, HasJson: false);

    /// <summary>Every form a selector may take, for messages.</summary>
    public IEnumerable<string> Forms => HasJson ? [.. Names, "json.PATH", .. AnyName is null ? Array.Empty<string>() : [AnyName]] : Names;
}
