using System.Text.RegularExpressions;

namespace Stampede.Protocols.Sse;

/// <summary>What one subscription produced. Failures are values here, never exceptions.</summary>
public sealed class SseResult
{
    /// <summary>The last connection's HTTP status; 0 when no response arrived.</summary>
    public int Status { get; internal set; }

    /// <summary>None, or why the stream failed.</summary>
    public SseErrorKind Error { get; internal set; }

    /// <summary>A short description of the failure; null when none.</summary>
    public string? ErrorMessage { get; internal set; }

    /// <summary>The events received (empty when <see cref="SseRequest.KeepEvents"/> is off).</summary>
    public IReadOnlyList<SseEvent> Events => EventList;

    /// <summary>Events received, kept or not.</summary>
    public int EventCount { get; internal set; }

    /// <summary>A terminal event (<c>done</c> or <c>[DONE]</c>) arrived.</summary>
    public bool TerminalSeen { get; internal set; }

    /// <summary>Request start → response headers of the first connection, in ms.</summary>
    public double ConnectMs { get; internal set; }

    /// <summary>Request start → the read that delivered the first event, in ms; null without events.</summary>
    public double? TimeToFirstEventMs { get; internal set; }

    /// <summary>Request start → end of the stream, in ms.</summary>
    public double DurationMs { get; internal set; }

    /// <summary>The last event ID the server sent.</summary>
    public string LastEventId { get; internal set; } = "";

    /// <summary>Reconnections made.</summary>
    public int Reconnects { get; internal set; }

    /// <summary>An event whose data matches the regular expression <paramref name="pattern"/> arrived (kept events only).</summary>
    public bool HasEvent(string pattern) => EventList.Exists(e => Regex.IsMatch(e.Data, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));

    /// <summary>An event of type <paramref name="type"/> arrived (kept events only).</summary>
    public bool HasEventOfType(string type) => EventList.Exists(e => e.Type == type);

    internal List<SseEvent> EventList { get; } = [];
}
