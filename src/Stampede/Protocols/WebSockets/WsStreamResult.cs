namespace Stampede.Protocols.WebSockets;

/// <summary>A streamed reply to one sent message: its parts, timings, and whether its end arrived.</summary>
public sealed class WsStreamResult
{
    /// <summary>The messages of the reply, end included.</summary>
    public IReadOnlyList<WsMessage> Messages => MessageList;

    /// <summary>The end message arrived.</summary>
    public bool Completed { get; internal set; }

    /// <summary>Send → first message of the reply, in ms; null when none came.</summary>
    public double? TimeToFirstMessageMs { get; internal set; }

    /// <summary>Send → end of the reply, in ms.</summary>
    public double DurationMs { get; internal set; }

    /// <summary>Why the reply did not complete (<c>timeout</c>, <c>idle_timeout</c>, <c>closed</c>, …); null when it did.</summary>
    public string? Error { get; internal set; }

    internal List<WsMessage> MessageList { get; } = [];
}
