namespace Stampede.Protocols.WebSockets;

/// <summary>How to open a WebSocket session. Plain data; <see cref="Validate"/> lists every problem at once.</summary>
public sealed record WsConnectOptions
{
    /// <summary>Creates options for <paramref name="url"/>.</summary>
    public WsConnectOptions(string url) => Url = url;

    /// <summary><c>ws://</c> or <c>wss://</c>; a relative URL (or http/https) is resolved against the plan's base URL.</summary>
    public string Url { get; init; }

    /// <summary>Headers sent with the upgrade request; default none.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Headers { get; init; }

    /// <summary>Sub-protocols offered; default none.</summary>
    public IReadOnlyList<string>? SubProtocols { get; init; }

    /// <summary>The <c>name</c> tag; default: the URL as given.</summary>
    public string? Name { get; init; }

    /// <summary>Longest wait for the upgrade to complete; default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The session is closed (normally) after this long; default: no limit.</summary>
    public TimeSpan? MaxSessionDuration { get; init; }

    /// <summary>Receive buffer per session, in bytes; default 4096 (messages larger than it arrive in pieces and are joined).</summary>
    public int ReceiveBufferSize { get; init; } = 4096;

    /// <summary>Every problem with these settings; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Url))
        {
            errors.Add("url: required");
        }

        if (ConnectTimeout <= TimeSpan.Zero)
        {
            errors.Add("connectTimeout: must be positive");
        }

        if (MaxSessionDuration is { } max && max <= TimeSpan.Zero)
        {
            errors.Add("maxSessionDuration: must be positive");
        }

        if (ReceiveBufferSize is < 256 or > 16 * 1024 * 1024)
        {
            errors.Add("receiveBufferSize: must be between 256 and 16 MiB");
        }

        return errors;
    }
}
