namespace Stampede.Protocols.Http;

/// <summary>
/// A VU's HTTP client (<c>vu.Http</c>): its own connections and cookies (k6's per-VU semantics), requests that never
/// throw for network or HTTP errors (they come back classified in the response), and k6's metrics recorded with
/// the VU's tags.
/// </summary>
public sealed class VuHttp : IAsyncDisposable
{
    private readonly HttpSession _session;
    private readonly HttpMetricsRecorder _recorder;
    private readonly Func<Metrics.TagSet> _tags;
    private readonly Func<CancellationToken> _cancellation;

    internal VuHttp(HttpSession session, HttpMetricsRecorder recorder, Func<Metrics.TagSet> tags, Func<CancellationToken> cancellation)
    {
        _session = session;
        _recorder = recorder;
        _tags = tags;
        _cancellation = cancellation;
    }

    /// <summary>Opens a connection to the plan's base URL before the first request needs it.</summary>
    internal ValueTask PreconnectAsync(CancellationToken ct) => _session.PreconnectAsync(ct);

    /// <summary>The cookie jar (null when cookies are off).</summary>
    public System.Net.CookieContainer? Cookies => _session.Cookies;

    /// <summary>Forgets every cookie of this VU (what k6 does at the start of each iteration).</summary>
    public void ClearCookies() => _session.ClearCookies();

    /// <summary>Sends <paramref name="request"/> and records its metrics.</summary>
    public async Task<HttpResponse> SendAsync(HttpRequestSpec request)
    {
        var response = await _session.SendAsync(request, _cancellation()).ConfigureAwait(false);
        if (response.Error != HttpErrorKind.Cancelled)
        {
            _recorder.Record(response, _tags());
        }

        return response;
    }

    /// <summary>GET <paramref name="url"/>; <paramref name="name"/> groups URLs into one series (default: the URL).</summary>
    public Task<HttpResponse> GetAsync(string url, string? name = null) =>
        SendAsync(new HttpRequestSpec(HttpMethod.Get, url) { Name = name });

    /// <summary>POST <paramref name="body"/> to <paramref name="url"/>.</summary>
    public Task<HttpResponse> PostAsync(string url, HttpBody? body = null, string? name = null) =>
        SendAsync(new HttpRequestSpec(HttpMethod.Post, url) { Body = body, Name = name });

    /// <summary>PUT <paramref name="body"/> to <paramref name="url"/>.</summary>
    public Task<HttpResponse> PutAsync(string url, HttpBody? body = null, string? name = null) =>
        SendAsync(new HttpRequestSpec(HttpMethod.Put, url) { Body = body, Name = name });

    /// <summary>PATCH <paramref name="body"/> to <paramref name="url"/>.</summary>
    public Task<HttpResponse> PatchAsync(string url, HttpBody? body = null, string? name = null) =>
        SendAsync(new HttpRequestSpec(HttpMethod.Patch, url) { Body = body, Name = name });

    /// <summary>DELETE <paramref name="url"/>.</summary>
    public Task<HttpResponse> DeleteAsync(string url, string? name = null) =>
        SendAsync(new HttpRequestSpec(HttpMethod.Delete, url) { Name = name });

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _session.DisposeAsync();
}
