using Stampede.Protocols.Http;

namespace Stampede.Protocols.Sse;

/// <summary>
/// One Server-Sent Events subscription: where, how, and when to give up. Plain data, so a plan loader can build it;
/// <see cref="Validate"/> lists every problem at once.
/// </summary>
public sealed record SseRequest
{
    /// <summary>Creates a GET subscription to <paramref name="url"/>.</summary>
    public SseRequest(string url) => Url = url;

    /// <summary>Absolute, or relative to the plan's base URL.</summary>
    public string Url { get; init; }

    /// <summary>Default GET; POST with a <see cref="Body"/> for chat-style endpoints.</summary>
    public HttpMethod Method { get; init; } = HttpMethod.Get;

    /// <summary>Request body (e.g. <see cref="HttpBody.Json(string)"/>); default none.</summary>
    public HttpBody? Body { get; init; }

    /// <summary>Extra request headers. <c>Accept: text/event-stream</c>, <c>Cache-Control: no-cache</c> and <c>Accept-Encoding: identity</c> are always sent.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Headers { get; init; }

    /// <summary>The <c>name</c> tag; default: the URL as given.</summary>
    public string? Name { get; init; }

    /// <summary>Longest wait for the response headers; default: the session's request timeout (60 s).</summary>
    public TimeSpan? ConnectTimeout { get; init; }

    /// <summary>Longest wait from the headers to the first event; default: <see cref="IdleTimeout"/>.</summary>
    public TimeSpan? FirstEventTimeout { get; init; }

    /// <summary>Longest silence between reads once events flow; default 60 s; null waits for ever.</summary>
    public TimeSpan? IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Stop reading (not an error) after this long from the first request; default: no limit.</summary>
    public TimeSpan? MaxDuration { get; init; }

    /// <summary>Stop when a terminal event arrives (type <c>done</c>, or data <c>[DONE]</c>); default true.</summary>
    public bool StopOnTerminalEvent { get; init; } = true;

    /// <summary>Reconnections after the stream ends or breaks before a terminal event, sending <c>Last-Event-ID</c>; default 0.</summary>
    public int MaxReconnects { get; init; }

    /// <summary>Wait before reconnecting unless the server set <c>retry:</c>; default 1 s.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Sent as <c>Last-Event-ID</c> on the first connection; default none.</summary>
    public string? LastEventId { get; init; }

    /// <summary>Keep every event in <see cref="SseResult.Events"/>; default true (turn off for endless streams).</summary>
    public bool KeepEvents { get; init; } = true;

    /// <summary>Called for each event as it arrives; return false to stop reading. Default none.</summary>
    public Func<SseEvent, bool>? OnEvent { get; init; }

    /// <summary>
    /// Called once per connection when its response headers arrive, whatever the status, before any of its events
    /// (a front end that hands the stream to a script announces it here). Default none.
    /// </summary>
    public Action<HttpResponse>? OnOpen { get; init; }

    /// <summary>Every problem with these settings; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Url))
        {
            errors.Add("url: required");
        }

        Positive(errors, "connectTimeout", ConnectTimeout);
        Positive(errors, "firstEventTimeout", FirstEventTimeout);
        Positive(errors, "idleTimeout", IdleTimeout);
        Positive(errors, "maxDuration", MaxDuration);
        if (MaxReconnects < 0)
        {
            errors.Add("maxReconnects: must not be negative");
        }

        if (ReconnectDelay < TimeSpan.Zero)
        {
            errors.Add("reconnectDelay: must not be negative");
        }

        return errors;
    }

    /// <summary>True for <c>event: done</c> or <c>data: [DONE]</c>.</summary>
    public static bool IsTerminal(in SseEvent e) =>
        e.Type == "done" || e.Data.AsSpan().Trim().SequenceEqual("[DONE]");

    private static void Positive(List<string> errors, string name, TimeSpan? value)
    {
        if (value is { } v && v <= TimeSpan.Zero)
        {
            errors.Add($"{name}: must be positive");
        }
    }
}
