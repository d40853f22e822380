namespace Stampede.Protocols.WebSockets;

/// <summary>How an upgrade went: the session (null when it failed), the HTTP status (101, the refusal's status, or 0), headers and error.</summary>
internal sealed record WsHandshake(WsSession? Session, int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, string? Error);
