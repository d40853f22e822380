using Stampede.Protocols.Http;

namespace Stampede.Protocols.Sse;

/// <summary>
/// Opens an event stream over the VU's HTTP session: the streaming request with the headers SSE needs
/// (<c>Accept-Encoding: identity</c>, because a compressing proxy or server buffers events), then the
/// status and content-type checks. Shared by <see cref="VuSse"/> and the LLM client.
/// </summary>
internal static class SseConnection
{
    public readonly record struct Opened(HttpResponse Response, SseErrorKind Error, string? Message, long HeadersTimestamp);

    public static async Task<Opened> OpenAsync(
        HttpSession session, TimeProvider time, string url, HttpMethod method, HttpBody? body,
        IReadOnlyList<KeyValuePair<string, string>>? headers, string? lastEventId, string name, TimeSpan? timeout,
        bool requireEventStream, CancellationToken ct)
    {
        var all = new List<KeyValuePair<string, string>>((headers?.Count ?? 0) + 4)
        {
            new("Accept", "text/event-stream"),
            new("Cache-Control", "no-cache"),
            new("Accept-Encoding", "identity"),
        };
        if (!string.IsNullOrEmpty(lastEventId))
        {
            all.Add(new("Last-Event-ID", lastEventId));
        }

        if (headers is not null)
        {
            all.AddRange(headers);
        }

        var response = await session.SendAsync(new HttpRequestSpec(method, url)
        {
            Body = body,
            Headers = all,
            Name = name,
            Timeout = timeout,
            ResponseBody = ResponseBodyMode.Stream,
            ExpectedStatuses = ExpectedStatuses.Default,
        }, ct).ConfigureAwait(false);
        var headersAt = time.GetTimestamp();
        if (response.Status == 0)
        {
            return new(response, SseErrorKinds.FromHttp(response.Error), response.ErrorMessage, headersAt);
        }

        if (response.Status != 200)
        {
            return new(response, SseErrorKind.Status, $"unexpected status {response.Status}", headersAt);
        }

        if (requireEventStream && !(response.Headers.TryGetValue("Content-Type", out var type)
            && type.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase)))
        {
            return new(response, SseErrorKind.ContentType, $"content type '{type}' is not text/event-stream", headersAt);
        }

        return new(response, SseErrorKind.None, null, headersAt);
    }
}
