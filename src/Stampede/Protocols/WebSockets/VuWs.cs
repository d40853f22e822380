using System.Net.Sockets;
using System.Net.WebSockets;
using Stampede.Metrics;

namespace Stampede.Protocols.WebSockets;

/// <summary>
/// A VU's WebSocket client (<c>vu.Ws</c>): opens sessions and records k6's <c>ws_*</c> metrics with the VU's tags
/// plus <c>name</c>. Failing to connect is a value (null session, counted in <c>ws_errors</c>), not an exception.
/// </summary>
public sealed class VuWs : IAsyncDisposable
{
    private readonly WsMetricsRecorder _recorder;
    private readonly TimeProvider _time;
    private readonly Func<TagSet> _tags;
    private readonly Func<CancellationToken> _cancellation;
    private readonly Uri? _baseUrl;
    private readonly List<WsSession> _open = [];

    internal VuWs(MetricRegistry registry, TimeProvider time, Func<TagSet> tags, Func<CancellationToken> cancellation, Uri? baseUrl)
    {
        _recorder = new WsMetricsRecorder(registry);
        _time = time;
        _tags = tags;
        _cancellation = cancellation;
        _baseUrl = baseUrl;
    }

    /// <summary>Opens a session to <paramref name="url"/>; null when it could not be opened.</summary>
    public Task<WsSession?> ConnectAsync(string url, string? name = null) => ConnectAsync(new WsConnectOptions(url) { Name = name });

    /// <summary>Opens the session <paramref name="options"/> describe; null when it could not be opened (see <c>ws_errors</c>).</summary>
    /// <exception cref="ArgumentException">The options are not valid.</exception>
    public async Task<WsSession?> ConnectAsync(WsConnectOptions options) => (await ConnectWithDetailsAsync(options, details: false).ConfigureAwait(false)).Session;

    /// <summary>
    /// As <see cref="ConnectAsync(WsConnectOptions)"/>, plus, with <paramref name="details"/>, the upgrade's HTTP status
    /// and headers (k6's <c>ws.connect</c> response); without, the handshake keeps no headers and its status is 0.
    /// </summary>
    internal async Task<WsHandshake> ConnectWithDetailsAsync(WsConnectOptions options, bool details = true)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        var tags = _tags();
        var name = options.Name ?? options.Url;
        var series = _recorder.For(tags, name);
        var vuToken = _cancellation();
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        socket.Options.CollectHttpResponseDetails = details;
        foreach (var (key, value) in options.Headers ?? [])
        {
            socket.Options.SetRequestHeader(key, value);
        }

        foreach (var protocol in options.SubProtocols ?? [])
        {
            socket.Options.AddSubProtocol(protocol);
        }

        var start = _time.GetTimestamp();
        using var timeout = new CancellationTokenSource(options.ConnectTimeout, _time);
        using var link = vuToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), timeout);
        WsWireStream? wire = null;
        var invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectCallback = async (context, ct) =>
            {
                // Our own connection, so every network read can be timestamped (see WsWireStream); NoDelay as the default handler sets it.
                var tcp = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await tcp.ConnectAsync(context.DnsEndPoint, ct).ConfigureAwait(false);
                    return wire = new WsWireStream(new NetworkStream(tcp, ownsSocket: true), _time);
                }
                catch
                {
                    tcp.Dispose();
                    throw;
                }
            },
        });
        try
        {
            await socket.ConnectAsync(Resolve(options.Url), invoker, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or HttpRequestException or UriFormatException or ArgumentException)
        {
            var failed = new WsHandshake(null, (int)socket.HttpStatusCode, Headers(socket), exception.Message);
            socket.Dispose();
            invoker.Dispose();
            if (!vuToken.IsCancellationRequested)
            {
                _recorder.Error(tags, name, Classify(exception, timeout.IsCancellationRequested));
            }

            return failed;
        }

        series.Connecting.Record(_time.GetElapsedTime(start));
        series.Sessions.Add(1);
        var session = new WsSession(socket, wire, invoker, _recorder, tags, name, _time, options.ReceiveBufferSize, options.MaxSessionDuration,
            _time.GetTimestamp(), vuToken);
        // A k6 script's browser-style WebSocket connects in the background, several at a time, so this runs on pool threads.
        lock (_open)
        {
            _open.Add(session);
            if (_open.Count > 64)
            {
                _open.RemoveAll(s => s.State is not (WebSocketState.Open or WebSocketState.Connecting));
            }
        }

        var headers = Headers(socket);
        socket.HttpResponseHeaders = null;
        return new WsHandshake(session, (int)socket.HttpStatusCode, headers, null);
    }

    /// <summary>Closes every session this VU left open.</summary>
    public async ValueTask DisposeAsync()
    {
        WsSession[] open;
        lock (_open)
        {
            open = [.. _open];
            _open.Clear();
        }

        foreach (var session in open)
        {
            await session.CloseAsync().ConfigureAwait(false);
        }
    }

    private static IReadOnlyList<KeyValuePair<string, string>> Headers(ClientWebSocket socket) =>
        socket.HttpResponseHeaders is { } headers ? [.. headers.Select(h => KeyValuePair.Create(h.Key, string.Join(", ", h.Value)))] : [];

    private Uri Resolve(string url)
    {
        // On Unix "/api/chat" parses as an absolute file:// URI: only network schemes count as absolute here.
        var uri = Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "ws" or "wss" or "http" or "https" ? absolute
            : _baseUrl is not null ? new Uri(_baseUrl, url)
            : throw new UriFormatException($"'{url}' is relative and the plan has no base URL");
        if (uri.Scheme is "http" or "https")
        {
            uri = new UriBuilder(uri) { Scheme = uri.Scheme == "https" ? "wss" : "ws" }.Uri;
        }

        return uri;
    }

    private static string Classify(Exception exception, bool timedOut)
    {
        if (timedOut)
        {
            return "timeout";
        }

        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                return "refused";
            }
        }

        return exception is UriFormatException or ArgumentException ? "url" : "handshake";
    }
}
