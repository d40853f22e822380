using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace Stampede.Protocols.Http;

/// <summary>
/// A connection pool (one <see cref="SocketsHttpHandler"/>) instrumented for k6's timing breakdown.
/// Each session owns one by default; with <see cref="HttpSessionOptions.ShareHandler"/> the caller creates one
/// and passes it to every session (the caller then disposes it).
/// </summary>
/// <remarks>
/// Redirects and cookies are handled by <see cref="HttpSession"/>, not the handler, so each hop is timed on its
/// own and a shared pool never shares cookies. The connect timeout is k6's dialer timeout (30 s) or the request
/// timeout if shorter. Proxies and automatic decompression are off: a load generator talks to its target directly
/// and should not spend CPU inflating bodies it did not ask to be compressed.
/// </remarks>
internal sealed class HttpTransport : IDisposable
{
    private static readonly TimeSpan DialTimeout = TimeSpan.FromSeconds(30);

    private readonly Lazy<HttpMessageInvoker> _invoker;
    private readonly Http1ConnectionPool _http1Connections = new();

    public HttpTransport(HttpSessionOptions options)
    {
        Tracker = new HttpExchangeTracker();
        Http1 = new Http1Client(_http1Connections, options);

        // Made on first use: a virtual user whose requests all take the lean path never needs a handler.
        _invoker = new Lazy<HttpMessageInvoker>(() => CreateInvoker(options), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The lean HTTP/1.1 client, on this transport's own keep-alive connections.</summary>
    public Http1Client Http1 { get; }

    public HttpMessageInvoker Invoker => _invoker.Value;

    public HttpExchangeTracker Tracker { get; }

    public void Dispose()
    {
        if (_invoker.IsValueCreated)
        {
            _invoker.Value.Dispose();
        }

        _http1Connections.Dispose();
    }

    private HttpMessageInvoker CreateInvoker(HttpSessionOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = options.MaxConnectionsPerServer,
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = options.Timeout < DialTimeout ? options.Timeout : DialTimeout,
            ConnectCallback = ConnectAsync,
            PlaintextStreamFilter = FilterAsync,
        };

        if (options.InsecureSkipTlsVerify)
        {
            // The user asked to test a target with a self-signed or otherwise untrusted certificate (k6's insecureSkipTLSVerify).
#pragma warning disable CA5359
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = static (_, _, _, _) => true,
            };
#pragma warning restore CA5359
        }

        return new HttpMessageInvoker(handler, disposeHandler: true);
    }

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        // The connection may end up serving another queued request; for a virtual user with one request in
        // flight the one that caused it is the one that uses it.
        var exchange = (context.InitialRequestMessage as ExchangeRequestMessage)?.Exchange;
        var endpoint = context.DnsEndPoint;

        // k6 counts DNS in "blocked", not "connecting", so resolve before the connect clock starts.
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken).ConfigureAwait(false);

        // A custom ConnectCallback replaces the handler's socket setup, including Nagle off.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            exchange?.OnConnectStart(Stopwatch.GetTimestamp());
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken).ConfigureAwait(false);
            exchange?.OnConnectEnd(Stopwatch.GetTimestamp());
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private ValueTask<Stream> FilterAsync(SocketsHttpPlaintextStreamFilterContext context, CancellationToken cancellationToken)
    {
        // The filter runs after the TLS handshake, so "ready" minus "connected" is the handshake.
        var exchange = (context.InitialRequestMessage as ExchangeRequestMessage)?.Exchange;
        var tls = context.InitialRequestMessage.RequestUri?.Scheme == Uri.UriSchemeHttps;
        exchange?.OnConnectionReady(Stopwatch.GetTimestamp(), tls);
        var multiplexed = context.NegotiatedHttpVersion.Major >= 2;
        return ValueTask.FromResult<Stream>(new WireTimingStream(context.PlaintextStream, Tracker, multiplexed, exchange));
    }
}
