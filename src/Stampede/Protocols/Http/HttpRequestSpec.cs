namespace Stampede.Protocols.Http;

/// <summary>What a virtual user asks for: one HTTP request.</summary>
public sealed record HttpRequestSpec
{
    public HttpRequestSpec(HttpMethod method, string url)
    {
        Method = method;
        Url = url;
    }

    public HttpMethod Method { get; init; }

    /// <summary>Absolute, or relative to <see cref="HttpSessionOptions.BaseAddress"/>.</summary>
    public string Url { get; init; }

    /// <summary>Extra headers, added after the session's default headers.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Headers { get; init; }

    public HttpBody? Body { get; init; }

    /// <summary>Overrides <see cref="HttpSessionOptions.Timeout"/> for this request.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Overrides <see cref="HttpSessionOptions.ResponseBody"/>; only a request may ask for <see cref="ResponseBodyMode.Stream"/>.</summary>
    public ResponseBodyMode? ResponseBody { get; init; }

    /// <summary>The <c>name</c> tag that groups URLs in metrics; default: the absolute URL.</summary>
    public string? Name { get; init; }

    /// <summary>Overrides <see cref="HttpSessionOptions.MaxRedirects"/> for this request (0: return the 3xx itself).</summary>
    public int? MaxRedirects { get; init; }

    /// <summary>
    /// Cookies sent with this request besides the jar's, on the first hop and on redirects to the same host; they
    /// are not stored in the jar. Default none.
    /// </summary>
    public IReadOnlyList<RequestCookie>? Cookies { get; init; }

    /// <summary>Default: <see cref="ExpectedStatuses.Default"/> (200–399).</summary>
    public ExpectedStatuses? ExpectedStatuses { get; init; }
}
