using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Stampede.Protocols.Http;

/// <summary>
/// The outcome of one HTTP request as user code sees it. Network and HTTP failures are values here
/// (<see cref="Error"/>, <see cref="ErrorCode"/>), never exceptions.
/// </summary>
public sealed class HttpResponse
{
    private const string Http11 = "HTTP/1.1";
    private const string Http20 = "HTTP/2.0";
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);
    private static readonly IReadOnlyDictionary<string, string> NoHeaders =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase).AsReadOnly();

    private readonly HttpResponseMessage? _message;
    private readonly byte[]? _rawHead;
    private IReadOnlyDictionary<string, string>? _headers;
    private string? _body;

    /// <param name="message">The handler's response, if it came that way.</param>
    /// <param name="rawHead">The head as the lean HTTP/1.1 client read it: headers stay bytes until someone asks for them.</param>
    internal HttpResponse(HttpResponseMessage? message, byte[]? rawHead = null)
    {
        _message = message;
        _rawHead = rawHead;
    }

    /// <summary>The HTTP status; 0 when no complete response arrived (a network error or timeout).</summary>
    public int Status { get; internal init; }

    /// <summary>"HTTP/1.1" or "HTTP/2.0"; empty when no response arrived.</summary>
    public string Proto { get; internal init; } = "";

    /// <summary>Response and content headers, case-insensitive; repeated headers are joined with ", ".</summary>
    public IReadOnlyDictionary<string, string> Headers =>
        _headers ??= _rawHead is not null ? Http1ResponseHead.ParseHeaders(_rawHead) : BuildHeaders(_message);

    /// <summary>The final hop's <c>Set-Cookie</c> values, one per header line as sent (they cannot be joined like other headers).</summary>
    public IReadOnlyList<string> SetCookies =>
        _rawHead is not null ? Http1ResponseHead.Values(_rawHead, "Set-Cookie")
        : _message is not null && _message.Headers.NonValidated.TryGetValues("Set-Cookie", out var values) ? [.. values]
        : [];

    /// <summary>The kept body decoded as UTF-8 (decoded on first use); empty when the body was discarded or streamed.</summary>
    public string Body => _body ??= BodyBytes.IsEmpty ? "" : Encoding.UTF8.GetString(BodyBytes.Span);

    /// <summary>The kept body bytes; empty when the body was discarded or streamed.</summary>
    public ReadOnlyMemory<byte> BodyBytes { get; internal init; }

    /// <summary>The open body stream when the request asked for streaming; the caller disposes it. Otherwise null.</summary>
    public Stream? BodyStream { get; internal init; }

    /// <summary>Where the time went (k6's http_req_* breakdown).</summary>
    public HttpTimings Timings { get; internal init; }

    /// <summary>None, or why the request failed.</summary>
    public HttpErrorKind Error { get; internal init; }

    /// <summary>A short description of the failure (k6's wording where k6 has one); null when none.</summary>
    public string? ErrorMessage { get; internal init; }

    /// <summary>k6's error code: 0 for none, 1000 + status for 4xx/5xx, 1xxx for network errors (1050 timeout, 1212 refused, …).</summary>
    public int ErrorCode { get; internal init; }

    /// <summary>Bytes written at the HTTP level (request heads and bodies, all redirect hops; TLS overhead excluded).</summary>
    public long BytesSent { get; internal init; }

    /// <summary>Bytes read at the HTTP level (response heads and bodies, all redirect hops; TLS overhead excluded).</summary>
    public long BytesReceived { get; internal init; }

    /// <summary>The status is one the request expected (default 200–399). False for any failure.</summary>
    public bool ExpectedStatus { get; internal init; }

    /// <summary>The final absolute URL, after redirects (as given, if it could not be parsed).</summary>
    public string Url { get; internal init; } = "";

    /// <summary>
    /// The request's name (default: the requested absolute URL, before redirects), as given: the <c>name</c> tag is
    /// this with credential values masked (see docs/outputs.md, "What is redacted").
    /// </summary>
    public string Name { get; internal init; } = "";

    /// <summary>The request method ("GET", "POST", …) of the first hop.</summary>
    public string Method { get; internal init; } = "";

    /// <summary>How many redirects were followed.</summary>
    public int Redirects { get; internal init; }

    /// <summary>Deserialises the kept body (web defaults: camelCase, case-insensitive); default when the body is empty.</summary>
    /// <remarks>Uses reflection-based serialisation; under trimming or NativeAOT use <see cref="Json{T}(JsonTypeInfo{T})"/>.</remarks>
    [RequiresUnreferencedCode(HttpBody.ReflectionJson)]
    [RequiresDynamicCode(HttpBody.ReflectionJson)]
    public T? Json<T>() => BodyBytes.IsEmpty ? default : JsonSerializer.Deserialize<T>(BodyBytes.Span, WebJson);

    /// <summary>Deserialises the kept body with the given (e.g. source-generated) metadata; default when the body is empty.</summary>
    public T? Json<T>(JsonTypeInfo<T> typeInfo) => BodyBytes.IsEmpty ? default : JsonSerializer.Deserialize(BodyBytes.Span, typeInfo);

    /// <summary>Parses the kept body as a JSON document; throws <see cref="JsonException"/> if it is not JSON.</summary>
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(BodyBytes);
        return document.RootElement.Clone();
    }

    /// <summary>The response to a request that got a status, on either of the session's paths.</summary>
    /// <param name="message">The handler's response (null on the lean path).</param>
    /// <param name="rawHead">The lean client's head bytes (null on the handler path).</param>
    /// <param name="status">The final hop's status.</param>
    /// <param name="http2">The final hop spoke HTTP/2.</param>
    /// <param name="body">The kept body; empty when discarded or streamed.</param>
    /// <param name="stream">The open body stream when streaming; otherwise null.</param>
    /// <param name="timings">The final hop's timings.</param>
    /// <param name="expected">The statuses the request counts as success.</param>
    /// <param name="bytesSent">Bytes written over all hops.</param>
    /// <param name="bytesReceived">Bytes read over all hops.</param>
    /// <param name="url">The final absolute URL.</param>
    /// <param name="name">The request's name.</param>
    /// <param name="method">The first hop's method.</param>
    /// <param name="redirects">How many redirects were followed.</param>
    internal static HttpResponse Completed(
        HttpResponseMessage? message, byte[]? rawHead, int status, bool http2, ReadOnlyMemory<byte> body, Stream? stream,
        HttpTimings timings, ExpectedStatuses expected, long bytesSent, long bytesReceived, string url, string name,
        string method, int redirects)
    {
        var isExpected = expected.Contains(status);
        return new HttpResponse(message, rawHead)
        {
            Status = status,
            Proto = http2 ? Http20 : Http11,
            BodyBytes = body,
            BodyStream = stream,
            Timings = timings,
            Error = isExpected ? HttpErrorKind.None : HttpErrorKind.Status,
            ErrorMessage = isExpected ? null : $"unexpected status {status}",
            ErrorCode = HttpErrorCodes.ForStatus(status),
            BytesSent = bytesSent,
            BytesReceived = bytesReceived,
            ExpectedStatus = isExpected,
            Url = url,
            Name = name,
            Method = method,
            Redirects = redirects,
        };
    }

    /// <summary>The response to a request that got no complete response (status 0), on either of the session's paths.</summary>
    /// <param name="error">Why it failed.</param>
    /// <param name="timings">The last hop's timings up to the failure.</param>
    /// <param name="bytesSent">Bytes written over all hops.</param>
    /// <param name="bytesReceived">Bytes read over all hops.</param>
    /// <param name="url">The URL of the hop that failed (as given, if it could not be parsed).</param>
    /// <param name="name">The request's name.</param>
    /// <param name="method">The first hop's method.</param>
    /// <param name="redirects">How many redirects were followed before the failure.</param>
    internal static HttpResponse Failed(
        HttpError error, HttpTimings timings, long bytesSent, long bytesReceived, string url, string name, string method,
        int redirects)
    {
        return new HttpResponse(null)
        {
            Status = 0,
            Timings = timings,
            Error = error.Kind,
            ErrorMessage = error.Message,
            ErrorCode = error.Code,
            BytesSent = bytesSent,
            BytesReceived = bytesReceived,
            ExpectedStatus = false,
            Url = url,
            Name = name,
            Method = method,
            Redirects = redirects,
        };
    }

    private static IReadOnlyDictionary<string, string> BuildHeaders(HttpResponseMessage? message)
    {
        if (message is null)
        {
            return NoHeaders;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in message.Headers.NonValidated)
        {
            headers[header.Key] = string.Join(", ", header.Value);
        }

        foreach (var header in message.Content.Headers.NonValidated)
        {
            headers[header.Key] = string.Join(", ", header.Value);
        }

        return headers;
    }
}
