using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Runtime.CompilerServices;

namespace Stampede.Protocols.Http;

/// <summary>
/// One virtual user's HTTP client: its own connection pool (unless given a shared <see cref="HttpTransport"/>),
/// its own cookie jar, k6's timing breakdown per request. Never throws for network or HTTP problems.
/// </summary>
/// <remarks>
/// Redirects are followed here, hop by hop, so cookies set on the way are kept and each hop is timed at the wire.
/// The returned timings are the final hop's, with the earlier hops inside <see cref="HttpTimings.Blocked"/>;
/// byte counts cover all hops. Which redirects are followed, and how, is <see cref="HttpRedirect"/>'s rule, the same
/// on both paths (only http and https targets; 301/302/303 switch to GET without a body, 307/308 resend as is).
/// </remarks>
internal sealed class HttpSession : IAsyncDisposable
{
    private const int UriCacheLimit = 256;

    private readonly HttpTransport _transport;
    private readonly bool _ownsTransport;
    private readonly HttpVersionPolicy _versionPolicy;
    private readonly Dictionary<string, Http1Target> _uris = new(StringComparer.Ordinal);
    private readonly bool _leanEligible;
    private byte[]? _discard;

    // The jar is made when the first cookie arrives (or the user asks for it): most VUs of most tests never get one.
    private CookieContainer? _cookies;
    private HttpExchange? _spare;

    /// <summary>A session with its own connection pool.</summary>
    public HttpSession(HttpSessionOptions options)
        : this(options, null)
    {
    }

    /// <summary>A session on <paramref name="sharedTransport"/> (which the caller disposes), or on its own pool if null.</summary>
    public HttpSession(HttpSessionOptions options, HttpTransport? sharedTransport)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            // Plans are validated when they load; reaching this is a bug in the caller.
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        Options = options;
        _ownsTransport = sharedTransport is null;
        _transport = sharedTransport ?? new HttpTransport(options);
        _versionPolicy = options.Version.Major >= 2 ? HttpVersionPolicy.RequestVersionExact : HttpVersionPolicy.RequestVersionOrLower;

        // Anything the lean client does not do (HTTP/2, connection caps, framing headers) stays on the handler.
        _leanEligible = !options.UseSocketsHttpHandler && options.Version.Major == 1
            && options.MaxConnectionsPerServer == int.MaxValue && Http1Client.CanSend(options.DefaultHeaders);
    }

    public HttpSessionOptions Options { get; }

    /// <summary>This session's cookie jar; null when cookies are off.</summary>
    public CookieContainer? Cookies => Options.Cookies ? _cookies ??= new CookieContainer() : null;

    /// <summary>Forgets every cookie (k6 empties a VU's jar at the start of each iteration); the next one starts a new jar.</summary>
    public void ClearCookies() => _cookies = null;

    public ValueTask<HttpResponse> GetAsync(string url, CancellationToken ct = default) =>
        SendAsync(new HttpRequestSpec(HttpMethod.Get, url), ct);

    public ValueTask<HttpResponse> PostAsync(string url, HttpBody? body, CancellationToken ct = default) =>
        SendAsync(new HttpRequestSpec(HttpMethod.Post, url) { Body = body }, ct);

    public ValueTask<HttpResponse> PutAsync(string url, HttpBody? body, CancellationToken ct = default) =>
        SendAsync(new HttpRequestSpec(HttpMethod.Put, url) { Body = body }, ct);

    public ValueTask<HttpResponse> PatchAsync(string url, HttpBody? body, CancellationToken ct = default) =>
        SendAsync(new HttpRequestSpec(HttpMethod.Patch, url) { Body = body }, ct);

    public ValueTask<HttpResponse> DeleteAsync(string url, CancellationToken ct = default) =>
        SendAsync(new HttpRequestSpec(HttpMethod.Delete, url), ct);

    /// <summary>Sends <paramref name="request"/>; failures come back as values on the response.</summary>
    /// <remarks>Not itself async: the lean path is one state machine from here to the socket, which matters per request.</remarks>
    public ValueTask<HttpResponse> SendAsync(HttpRequestSpec request, CancellationToken ct = default)
    {
        // One exchange is kept for the next request; a concurrent batch gets fresh ones.
        var exchange = Interlocked.Exchange(ref _spare, null) ?? new HttpExchange();
        var mode = request.ResponseBody ?? Options.ResponseBody;
        var expected = request.ExpectedStatuses ?? ExpectedStatuses.Default;
        exchange.Begin(Stopwatch.GetTimestamp());

        if (!TryResolve(request.Url, out var target))
        {
            var invalid = new HttpError(HttpErrorKind.Other, HttpErrorCodes.Generic, $"invalid URL '{request.Url}'");
            var failed = Failed(request, request.Url, request.Url, exchange, invalid, 0, 0, 0);
            Volatile.Write(ref _spare, exchange);
            return new ValueTask<HttpResponse>(failed);
        }

        // The timeout source is reused while no one else holds its token; a streamed body keeps it.
        var timeout = exchange.Timeout;
        if (timeout is null || !timeout.TryReset())
        {
            // Its timer fired while the user was idle (or it was never made): nothing else holds it any more.
            timeout?.Dispose();
            timeout = exchange.Timeout = new CancellationTokenSource();
        }

        timeout.CancelAfter(request.Timeout ?? Options.Timeout);
        var link = ct.CanBeCanceled
            ? ct.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), timeout)
            : default;

        return _leanEligible && mode != ResponseBodyMode.Stream && Http1Client.CanSend(request.Headers)
            ? SendLeanAsync(request, target, exchange, mode, expected, timeout, link, ct)
            : SendViaHandlerAsync(request, target, exchange, mode, expected, timeout, link, ct);
    }

    /// <summary>
    /// Opens a keep-alive connection of this session's own pool to the base address ahead of the first request,
    /// where the lean client would serve it; does nothing otherwise (a shared pool is filled by the requests that
    /// need it).
    /// </summary>
    internal async ValueTask PreconnectAsync(CancellationToken ct)
    {
        // The constructor validated the options: a base address is an absolute http or https URL.
        if (!_leanEligible || !_ownsTransport || Options.BaseAddress is not { } baseAddress)
        {
            return;
        }

        try
        {
            await _transport.Http1.PreconnectAsync(new Http1Target(baseAddress), ct).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is System.Net.Sockets.SocketException or IOException or TimeoutException
            or System.Security.Authentication.AuthenticationException or OperationCanceledException)
        {
            // Not an error of the run: the first request connects again and reports the failure as its own.
        }
    }

    public ValueTask DisposeAsync()
    {
        if (_ownsTransport)
        {
            _transport.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<HttpResponse> SendViaHandlerAsync(
        HttpRequestSpec request, Http1Target target, HttpExchange exchange, ResponseBodyMode mode, ExpectedStatuses expected,
        CancellationTokenSource timeout, CancellationTokenRegistration link, CancellationToken ct)
    {
        try
        {
            var (response, reusable) = await SendHandlerCoreAsync(request, target, exchange, mode, expected, timeout, ct).ConfigureAwait(false);
            if (reusable)
            {
                Volatile.Write(ref _spare, exchange);
            }

            return response;
        }
        finally
        {
            link.Dispose();
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<(HttpResponse Response, bool Reusable)> SendHandlerCoreAsync(
        HttpRequestSpec request, Http1Target target, HttpExchange exchange, ResponseBodyMode mode, ExpectedStatuses expected,
        CancellationTokenSource timeout, CancellationToken ct)
    {
        var start = exchange.Start;
        var uri = target.Uri;
        _transport.Tracker.Enter(exchange);

        var method = request.Method;
        var body = request.Body;
        var current = uri;
        long earlierSent = 0, earlierReceived = 0;
        var redirects = 0;
        HttpResponseMessage? message = null;
        try
        {
            while (true)
            {
                exchange.Begin(start);
                using (var outgoing = BuildRequest(method, current, body, request.Headers, CookieHeader(current, uri, request.Cookies), exchange))
                {
                    message = await _transport.Invoker.SendAsync(outgoing, timeout.Token).ConfigureAwait(false);
                }

                exchange.OnHeadersReceived(Stopwatch.GetTimestamp());
                StoreCookies(current, message);

                // The status goes first so that a response that is no redirect never has its Location parsed.
                var status = (int)message.StatusCode;
                if (!HttpRedirect.IsRedirectStatus(status)
                    || !HttpRedirect.TryFollow(status, current, message.Headers.Location?.OriginalString, redirects,
                        request.MaxRedirects ?? Options.MaxRedirects, method, body, out var next))
                {
                    break;
                }

                await DiscardBodyAsync(message, timeout.Token).ConfigureAwait(false);
                message.Dispose();
                message = null;
                earlierSent += exchange.BytesSent;
                earlierReceived += exchange.BytesReceived;
                (current, method, body) = next;
                redirects++;
            }

            var finalStatus = (int)message.StatusCode;
            ReadOnlyMemory<byte> kept = default;
            Stream? stream = null;
            switch (mode)
            {
                case ResponseBodyMode.Keep:
                    kept = await ReadBodyAsync(message, timeout.Token).ConfigureAwait(false);
                    break;
                case ResponseBodyMode.Stream:
                    stream = message.Content.ReadAsStream(timeout.Token);

                    // The timeout covers getting the headers; the stream is the caller's, for as long as it likes.
                    timeout.CancelAfter(Timeout.InfiniteTimeSpan);
                    break;
                default:
                    await DiscardBodyAsync(message, timeout.Token).ConfigureAwait(false);
                    break;
            }

            var end = Stopwatch.GetTimestamp();
            var streaming = stream is not null;
            var http2 = message.Version.Major >= 2;
            var response = HttpResponse.Completed(
                message, null, finalStatus, http2, kept, stream, exchange.ToTimings(end, multiplexed: http2, streaming), expected,
                earlierSent + exchange.BytesSent, earlierReceived + exchange.BytesReceived, current.AbsoluteUri,
                request.Name ?? uri.AbsoluteUri, request.Method.Method, redirects);

            if (!streaming)
            {
                message.Dispose();
            }

            // A streamed body keeps its connection bound to this exchange (and its timeout source): don't reuse them.
            return (response, !streaming);
        }
        catch (Exception exception)
        {
            message?.Dispose();
            var error = HttpErrorClassifier.Classify(
                exception,
                callerCancelled: ct.IsCancellationRequested,
                timedOut: timeout.IsCancellationRequested && !ct.IsCancellationRequested);
            return (Failed(request, current.AbsoluteUri, uri.AbsoluteUri, exchange, error, earlierSent, earlierReceived, redirects), true);
        }
    }

    private HttpResponse Failed(
        HttpRequestSpec request, string url, string defaultName, HttpExchange exchange, HttpError error,
        long earlierSent, long earlierReceived, int redirects) =>
        HttpResponse.Failed(
            error, exchange.ToTimings(Stopwatch.GetTimestamp(), multiplexed: Options.Version.Major >= 2, streaming: false),
            earlierSent + exchange.BytesSent, earlierReceived + exchange.BytesReceived, url, request.Name ?? defaultName,
            request.Method.Method, redirects);

    private ExchangeRequestMessage BuildRequest(
        HttpMethod method, Uri uri, HttpBody? body, IReadOnlyList<KeyValuePair<string, string>>? extra, string? cookie, HttpExchange exchange)
    {
        var message = new ExchangeRequestMessage(method, uri, exchange)
        {
            Version = Options.Version,
            VersionPolicy = _versionPolicy,
            Content = body?.CreateContent(),
        };

        if (Options.UserAgent.Length > 0)
        {
            message.Headers.TryAddWithoutValidation("User-Agent", Options.UserAgent);
        }

        AddHeaders(message, Options.DefaultHeaders);
        if (extra is not null)
        {
            AddHeaders(message, extra);
        }

        if (cookie is not null)
        {
            message.Headers.TryAddWithoutValidation("Cookie", cookie);
        }

        return message;
    }

    /// <summary>
    /// The <c>Cookie</c> header of one hop to <paramref name="uri"/>: the request's own cookies (on hops to the host
    /// of <paramref name="first"/>), then the jar's, less those a request cookie replaces; null when there are none.
    /// </summary>
    private string? CookieHeader(Uri uri, Uri first, IReadOnlyList<RequestCookie>? own)
    {
        var jar = _cookies is { Count: > 0 } cookies ? cookies : null;
        if (own is not { Count: > 0 } || !string.Equals(uri.Host, first.Host, StringComparison.OrdinalIgnoreCase))
        {
            return jar?.GetCookieHeader(uri) is { Length: > 0 } header ? header : null;
        }

        var text = new System.Text.StringBuilder();
        foreach (var cookie in own)
        {
            Append(text, cookie.Name, cookie.Value);
        }

        foreach (Cookie cookie in jar?.GetCookies(uri) ?? [])
        {
            if (!own.Any(c => c.Replace && c.Name == cookie.Name))
            {
                Append(text, cookie.Name, cookie.Value);
            }
        }

        return text.ToString();

        static void Append(System.Text.StringBuilder text, string name, string value) =>
            text.Append(text.Length == 0 ? "" : "; ").Append(name).Append('=').Append(value);
    }

    private static void AddHeaders(HttpRequestMessage message, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        for (var i = 0; i < headers.Count; i++)
        {
            var (name, value) = headers[i];
            if (message.Headers.TryAddWithoutValidation(name, value))
            {
                continue;
            }

            // Content-Type and friends belong to the content; a request header of the same name replaces the body's.
            if (message.Content is { } content)
            {
                content.Headers.Remove(name);
                content.Headers.TryAddWithoutValidation(name, value);
            }
        }
    }

    private void StoreCookies(Uri uri, HttpResponseMessage message)
    {
        if (Options.Cookies && message.Headers.NonValidated.TryGetValues("Set-Cookie", out var values))
        {
            StoreCookies(uri, values);
        }
    }

    private void StoreCookies(Uri uri, IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            try
            {
                Cookies!.SetCookies(uri, value);
            }
            catch (CookieException)
            {
                // Browsers and k6 ignore malformed cookies; so do we.
            }
        }
    }

    private static string? FirstLocation(byte[] rawHead) =>
        Http1ResponseHead.Values(rawHead, "Location") is [var location, ..] ? location : null;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask DiscardBodyAsync(HttpResponseMessage message, CancellationToken ct)
    {
        // Concurrent sends may share this buffer: the bytes are dropped, so interleaving is harmless.
        await using var stream = message.Content.ReadAsStream(ct);
        // Allocated on first use: a virtual user on the lean path never needs it.
        var discard = _discard ??= new byte[16 * 1024];
        while (await stream.ReadAsync(discard, ct).ConfigureAwait(false) > 0)
        {
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<ReadOnlyMemory<byte>> ReadBodyAsync(HttpResponseMessage message, CancellationToken ct)
    {
        await using var stream = message.Content.ReadAsStream(ct);
        if (message.Content.Headers.ContentLength is { } length && length <= Array.MaxLength)
        {
            if (length == 0)
            {
                return ReadOnlyMemory<byte>.Empty;
            }

            var exact = new byte[length];
            var read = await stream.ReadAtLeastAsync(exact, exact.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false);
            return exact.AsMemory(0, read);
        }

        // Chunked or HTTP/2 without a length: grow a pooled buffer, copy out once.
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var total = 0;
        try
        {
            while (true)
            {
                if (total == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, total).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(total), ct).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.AsSpan(0, total).ToArray();
                }

                total += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private bool TryResolve(string url, out Http1Target target)
    {
        lock (_uris)
        {
            if (_uris.TryGetValue(url, out target!))
            {
                return true;
            }
        }

        Uri uri;
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
        {
            uri = absolute;
        }
        else if (Options.BaseAddress is { } baseAddress && Uri.TryCreate(baseAddress, url, out var relative))
        {
            uri = relative;
        }
        else
        {
            target = null!;
            return false;
        }

        target = new Http1Target(uri);
        lock (_uris)
        {
            // URLs with ids in them would grow the cache without bound; past the limit, resolve every time.
            if (_uris.Count < UriCacheLimit)
            {
                _uris[url] = target;
            }
        }

        return true;
    }

    /// <summary>The lean HTTP/1.1 path: same redirects, cookies, timings and errors as the handler path, a fraction of the work.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<HttpResponse> SendLeanAsync(
        HttpRequestSpec request, Http1Target first, HttpExchange exchange, ResponseBodyMode mode, ExpectedStatuses expected,
        CancellationTokenSource timeout, CancellationTokenRegistration link, CancellationToken ct)
    {
        var start = exchange.Start;
        var target = first;
        var method = request.Method;
        var body = request.Body;
        long earlierSent = 0, earlierReceived = 0;
        var redirects = 0;
        try
        {
            Http1Hop hop;
            while (true)
            {
                exchange.Begin(start);
                var cookie = CookieHeader(target.Uri, first.Uri, request.Cookies);
                hop = await _transport.Http1.SendAsync(target, method, body, request.Headers, cookie, exchange, mode, timeout.Token)
                    .ConfigureAwait(false);
                if (hop.HasSetCookie && Cookies is not null)
                {
                    StoreCookies(target.Uri, Http1ResponseHead.Values(hop.RawHead, "Set-Cookie"));
                }

                // As on the handler path, only a redirect status has its Location read.
                if (!HttpRedirect.IsRedirectStatus(hop.Status)
                    || !HttpRedirect.TryFollow(hop.Status, target.Uri, FirstLocation(hop.RawHead), redirects, request.MaxRedirects ?? Options.MaxRedirects,
                        method, body, out var next))
                {
                    break;
                }

                earlierSent += exchange.BytesSent;
                earlierReceived += exchange.BytesReceived;
                target = new Http1Target(next.Target);
                (method, body) = (next.Method, next.Body);
                redirects++;
            }

            return HttpResponse.Completed(
                null, hop.RawHead, hop.Status, http2: false, mode == ResponseBodyMode.Keep ? hop.Body : default, null,
                exchange.ToTimings(Stopwatch.GetTimestamp(), multiplexed: false, streaming: false), expected,
                earlierSent + exchange.BytesSent, earlierReceived + exchange.BytesReceived, target.Uri.AbsoluteUri,
                request.Name ?? first.Uri.AbsoluteUri, request.Method.Method, redirects);
        }
        catch (Exception exception)
        {
            var error = HttpErrorClassifier.Classify(
                exception,
                callerCancelled: ct.IsCancellationRequested,
                timedOut: timeout.IsCancellationRequested && !ct.IsCancellationRequested);
            return Failed(request, target.Uri.AbsoluteUri, first.Uri.AbsoluteUri, exchange, error, earlierSent, earlierReceived, redirects);
        }
        finally
        {
            link.Dispose();
            Volatile.Write(ref _spare, exchange);
        }
    }
}
