using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;

namespace Stampede.Protocols.Http;

/// <summary>
/// The lean HTTP/1.1 client for the common case (HTTP/1.1 over http:// or https://, no proxy, body kept or
/// discarded): requests are written straight from their parts into a pooled buffer, responses parsed from the
/// connection's buffer, and k6's timing breakdown is taken at the socket operations themselves. One hop, no
/// redirects or cookies (the session does those). Failures are thrown as the exceptions the handler would
/// throw, so one classifier serves both paths.
/// </summary>
internal sealed class Http1Client(Http1ConnectionPool pool, HttpSessionOptions options)
{
    private static readonly TimeSpan DialTimeout = TimeSpan.FromSeconds(30);
    private static readonly SslApplicationProtocol[] Http11Only = [SslApplicationProtocol.Http11];

    /// <summary>Request bodies up to this size go out in the same write as the head.</summary>
    private const int InlineBodyLimit = 16 * 1024;

    /// <summary>Whether a request can go this way; anything unusual stays on the handler.</summary>
    public static bool CanSend(IReadOnlyList<KeyValuePair<string, string>>? headers)
    {
        if (headers is null)
        {
            return true;
        }

        for (var i = 0; i < headers.Count; i++)
        {
            var name = headers[i].Key;
            if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Expect", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Upgrade", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Sends one request on a pooled (or new) connection and reads the whole response.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<Http1Hop> SendAsync(
        Http1Target target, HttpMethod method, HttpBody? body, IReadOnlyList<KeyValuePair<string, string>>? extra,
        string? cookie, HttpExchange exchange, ResponseBodyMode mode, CancellationToken ct)
    {
        var request = ArrayPool<byte>.Shared.Rent(EstimateHead(target, method, body, extra, cookie));
        try
        {
            var headLength = WriteHead(request, target, method, body, extra, cookie);
            var inline = body is not null && headLength + body.Bytes.Length <= request.Length && body.Bytes.Length <= InlineBodyLimit;
            if (inline)
            {
                body!.Bytes.Span.CopyTo(request.AsSpan(headLength));
                headLength += body.Bytes.Length;
            }

            for (var attempt = 0; ; attempt++)
            {
                var connection = pool.TryTake(target) ?? await ConnectAsync(target, exchange, ct).ConfigureAwait(false);
                try
                {
                    var before = Stopwatch.GetTimestamp();
                    await connection.WriteAsync(request.AsMemory(0, headLength), ct).ConfigureAwait(false);
                    var sent = headLength;
                    if (body is not null && !inline)
                    {
                        await connection.WriteAsync(body.Bytes, ct).ConfigureAwait(false);
                        sent += body.Bytes.Length;
                    }

                    exchange.OnWrite(sent, before, Stopwatch.GetTimestamp(), carriesRequest: true);

                    // The response head is read here rather than in a method of its own: one state machine fewer
                    // to resume per request.
                    Http1ResponseHead head;
                    while (true)
                    {
                        if (Http1ResponseHead.TryParse(connection.Buffer.AsSpan(connection.Start, connection.Buffered), out head))
                        {
                            // 100 Continue and other interim responses carry nothing for us; the final response follows.
                            if (head.Status is >= 100 and < 200 and not 101)
                            {
                                connection.Start += head.Length;
                                continue;
                            }

                            break;
                        }

                        var read = await connection.FillAsync(ct).ConfigureAwait(false);
                        OnRead(exchange, read);
                        connection.End += read;
                    }

                    var (hop, reusable) = await ReadBodyAsync(connection, head, method, exchange, mode, ct).ConfigureAwait(false);
                    if (reusable)
                    {
                        pool.Return(connection);
                    }
                    else
                    {
                        connection.Dispose();
                    }

                    return hop;
                }
                catch (Exception) when (attempt == 0 && connection.Reused && exchange.BytesReceived == 0 && !ct.IsCancellationRequested)
                {
                    // A kept-alive connection the server had already closed: like the handler, try once more on a new one.
                    connection.Dispose();
                    exchange.Begin(exchange.Start);
                }
                catch
                {
                    connection.Dispose();
                    throw;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(request);
        }
    }

    /// <summary>Opens a connection to <paramref name="target"/> and leaves it idle in the pool for the first request.</summary>
    public async ValueTask PreconnectAsync(Http1Target target, CancellationToken ct)
    {
        var exchange = new HttpExchange();
        exchange.Begin(Stopwatch.GetTimestamp());
        pool.Return(await ConnectAsync(target, exchange, ct).ConfigureAwait(false));
    }

    private async ValueTask<Http1Connection> ConnectAsync(Http1Target target, HttpExchange exchange, CancellationToken ct)
    {
        // k6 counts DNS in "blocked", not "connecting", so resolve before the connect clock starts.
        var addresses = IPAddress.TryParse(target.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(target.Host, ct).ConfigureAwait(false);

        if (options.SocketLoop is { } loop && !target.Tls)
        {
            return await ConnectOnLoopAsync(loop, addresses, target, exchange, ct).ConfigureAwait(false);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        SslStream? tls = null;
        try
        {
            exchange.OnConnectStart(Stopwatch.GetTimestamp());
            using (var dial = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                dial.CancelAfter(options.Timeout < DialTimeout ? options.Timeout : DialTimeout);
                try
                {
                    await socket.ConnectAsync(addresses, target.Port, dial.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    throw new TimeoutException("The connection attempt timed out.");
                }
            }

            exchange.OnConnectEnd(Stopwatch.GetTimestamp());
            if (target.Tls)
            {
                tls = new SslStream(new NetworkStream(socket, ownsSocket: true));
                var authentication = new SslClientAuthenticationOptions
                {
                    TargetHost = target.Host,
                    ApplicationProtocols = [.. Http11Only],
                };
                if (options.InsecureSkipTlsVerify)
                {
                    // The user asked to test a target with a self-signed or otherwise untrusted certificate (k6's insecureSkipTLSVerify).
#pragma warning disable CA5359
                    authentication.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359
                }

                await tls.AuthenticateAsClientAsync(authentication, ct).ConfigureAwait(false);
            }

            exchange.OnConnectionReady(Stopwatch.GetTimestamp(), target.Tls);
            return new Http1Connection(socket, tls, target);
        }
        catch
        {
            tls?.Dispose();
            socket.Dispose();
            throw;
        }
    }

    private async ValueTask<Http1Connection> ConnectOnLoopAsync(
        EpollLoop loop, IPAddress[] addresses, Http1Target target, HttpExchange exchange, CancellationToken ct)
    {
        exchange.OnConnectStart(Stopwatch.GetTimestamp());
        LoopSocket socket;
        using (var dial = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            dial.CancelAfter(options.Timeout < DialTimeout ? options.Timeout : DialTimeout);
            try
            {
                socket = await LoopSocket.ConnectAsync(loop, addresses, target.Port, dial.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException("The connection attempt timed out.");
            }
        }

        exchange.OnConnectEnd(Stopwatch.GetTimestamp());
        exchange.OnConnectionReady(Stopwatch.GetTimestamp(), tls: false);
        return new Http1Connection(socket, target);
    }

    /// <summary>Reads the body after <paramref name="head"/>; completes at once when it is already in the buffer, as small bodies are.</summary>
    private static ValueTask<(Http1Hop Hop, bool Reusable)> ReadBodyAsync(
        Http1Connection connection, Http1ResponseHead head, HttpMethod method, HttpExchange exchange, ResponseBodyMode mode, CancellationToken ct)
    {
        if (!head.Chunked && head.ContentLength >= 0 && head.ContentLength <= connection.Buffered - head.Length
            && method != HttpMethod.Head && head.Status is not (101 or 204 or 304))
        {
            exchange.OnHeadersReceived(Stopwatch.GetTimestamp());
            var rawHead = connection.Buffer.AsSpan(connection.Start, head.Length).ToArray();
            connection.Start += head.Length;
            var length = (int)head.ContentLength;
            ReadOnlyMemory<byte> kept = mode != ResponseBodyMode.Keep ? default
                : length == 0 ? ReadOnlyMemory<byte>.Empty
                : connection.Buffer.AsSpan(connection.Start, length).ToArray();
            connection.Start += length;
            var reusable = !head.Close && connection.Buffered == 0;
            if (connection.Buffered == 0)
            {
                connection.Start = connection.End = 0;
            }

            return new((new Http1Hop(head.Status, rawHead, kept, head.HasSetCookie), reusable));
        }

        return ReadBodySlowAsync(connection, head, method, exchange, mode, ct);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<(Http1Hop Hop, bool Reusable)> ReadBodySlowAsync(
        Http1Connection connection, Http1ResponseHead head, HttpMethod method, HttpExchange exchange, ResponseBodyMode mode, CancellationToken ct)
    {
        exchange.OnHeadersReceived(Stopwatch.GetTimestamp());
        var rawHead = connection.Buffer.AsSpan(connection.Start, head.Length).ToArray();
        connection.Start += head.Length;

        ReadOnlyMemory<byte> kept = default;
        var keep = mode == ResponseBodyMode.Keep;
        var toEnd = false;
        if (method == HttpMethod.Head || head.Status is 101 or 204 or 304)
        {
            // No body, whatever the headers say.
        }
        else if (head.Chunked)
        {
            kept = await ReadChunkedAsync(connection, exchange, keep, ct).ConfigureAwait(false);
        }
        else if (head.ContentLength >= 0)
        {
            kept = await ReadFixedAsync(connection, exchange, head.ContentLength, keep, ct).ConfigureAwait(false);
        }
        else
        {
            toEnd = true;
            kept = await ReadToEndAsync(connection, exchange, keep, ct).ConfigureAwait(false);
        }

        var reusable = !toEnd && !head.Close && head.Status != 101 && connection.Buffered == 0;
        if (connection.Buffered == 0)
        {
            connection.Start = connection.End = 0;
        }

        return (new Http1Hop(head.Status, rawHead, kept, head.HasSetCookie), reusable);
    }

    private static async ValueTask<ReadOnlyMemory<byte>> ReadFixedAsync(
        Http1Connection connection, HttpExchange exchange, long length, bool keep, CancellationToken ct)
    {
        if (length == 0)
        {
            return keep ? ReadOnlyMemory<byte>.Empty : default;
        }

        if (keep && length > Array.MaxLength)
        {
            throw new HttpIOException(HttpRequestError.ConfigurationLimitExceeded, "The response body is too large to keep.");
        }

        var kept = keep ? new byte[length] : null;
        var take = (int)Math.Min(connection.Buffered, length);
        if (kept is not null)
        {
            connection.Buffer.AsSpan(connection.Start, take).CopyTo(kept);
        }

        connection.Start += take;
        var done = (long)take;
        while (done < length)
        {
            if (kept is not null)
            {
                // Straight into the body array: no copy through the connection buffer.
                var read = await connection.ReadAsync(kept.AsMemory((int)done), ct).ConfigureAwait(false);
                OnRead(exchange, read);
                done += read;
            }
            else
            {
                connection.Start = connection.End = 0;
                connection.ExpandForBody(length - done);
                await FillAsync(connection, exchange, ct).ConfigureAwait(false);
                take = (int)Math.Min(connection.Buffered, length - done);
                connection.Start += take;
                done += take;
            }
        }

        return kept;
    }

    private static async ValueTask<ReadOnlyMemory<byte>> ReadChunkedAsync(
        Http1Connection connection, HttpExchange exchange, bool keep, CancellationToken ct)
    {
        var body = new BodyBuffer(keep);
        try
        {
            while (true)
            {
                var line = await ReadLineAsync(connection, exchange, ct).ConfigureAwait(false);
                var sizeText = connection.Buffer.AsSpan(connection.Start, line);
                var extension = sizeText.IndexOf((byte)';');
                if (extension >= 0)
                {
                    sizeText = sizeText[..extension];
                }

                if (!Utf8Parser.TryParse(sizeText.Trim((byte)' '), out long size, out var consumed, 'x') || consumed != sizeText.Trim((byte)' ').Length || size < 0)
                {
                    throw new HttpIOException(HttpRequestError.InvalidResponse, "The server returned an invalid chunk size.");
                }

                connection.Start += line + 2;
                if (size == 0)
                {
                    // Trailers, if any, up to the blank line.
                    while ((line = await ReadLineAsync(connection, exchange, ct).ConfigureAwait(false)) > 0)
                    {
                        connection.Start += line + 2;
                    }

                    connection.Start += 2;
                    return body.ToMemory();
                }

                while (size > 0)
                {
                    if (connection.Buffered == 0)
                    {
                        connection.ExpandForBody(size);
                        await FillAsync(connection, exchange, ct).ConfigureAwait(false);
                    }

                    var take = (int)Math.Min(connection.Buffered, size);
                    body.Append(connection.Buffer.AsSpan(connection.Start, take));
                    connection.Start += take;
                    size -= take;
                }

                while (connection.Buffered < 2)
                {
                    await FillAsync(connection, exchange, ct).ConfigureAwait(false);
                }

                if (connection.Buffer[connection.Start] != '\r' || connection.Buffer[connection.Start + 1] != '\n')
                {
                    throw new HttpIOException(HttpRequestError.InvalidResponse, "The server returned a malformed chunk.");
                }

                connection.Start += 2;
            }
        }
        finally
        {
            body.Dispose();
        }
    }

    private static async ValueTask<ReadOnlyMemory<byte>> ReadToEndAsync(
        Http1Connection connection, HttpExchange exchange, bool keep, CancellationToken ct)
    {
        // No length and not chunked: the body ends when the server closes the connection.
        var body = new BodyBuffer(keep);
        try
        {
            while (true)
            {
                body.Append(connection.Buffer.AsSpan(connection.Start, connection.Buffered));
                connection.Start = connection.End = 0;
                connection.ExpandForBody(long.MaxValue);
                var read = await connection.ReadAsync(connection.Buffer, ct).ConfigureAwait(false);
                if (read == 0)
                {
                    return body.ToMemory();
                }

                exchange.OnRead(read, Stopwatch.GetTimestamp());
                connection.End = read;
            }
        }
        finally
        {
            body.Dispose();
        }
    }

    /// <returns>The length of the next line (without its CRLF), starting at the connection's read position.</returns>
    private static async ValueTask<int> ReadLineAsync(Http1Connection connection, HttpExchange exchange, CancellationToken ct)
    {
        while (true)
        {
            var end = connection.Buffer.AsSpan(connection.Start, connection.Buffered).IndexOf("\r\n"u8);
            if (end >= 0)
            {
                return end;
            }

            if (connection.Buffered > Http1ResponseHead.MaxLength)
            {
                throw new HttpIOException(HttpRequestError.InvalidResponse, "The server returned a chunk line that is too long.");
            }

            await FillAsync(connection, exchange, ct).ConfigureAwait(false);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask FillAsync(Http1Connection connection, HttpExchange exchange, CancellationToken ct)
    {
        var read = await connection.FillAsync(ct).ConfigureAwait(false);
        OnRead(exchange, read);
        connection.End += read;
    }

    private static void OnRead(HttpExchange exchange, int read)
    {
        if (read == 0)
        {
            throw new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely.");
        }

        exchange.OnRead(read, Stopwatch.GetTimestamp());
    }

    private int EstimateHead(Http1Target target, HttpMethod method, HttpBody? body, IReadOnlyList<KeyValuePair<string, string>>? extra, string? cookie)
    {
        var chars = method.Method.Length + options.UserAgent.Length + (cookie?.Length ?? 0) + (body?.ContentType.Length ?? 0) + 128;
        foreach (var (name, value) in options.DefaultHeaders)
        {
            chars += name.Length + value.Length + 4;
        }

        if (extra is not null)
        {
            for (var i = 0; i < extra.Count; i++)
            {
                chars += extra[i].Key.Length + extra[i].Value.Length + 4;
            }
        }

        // UTF-8 needs at most three bytes per UTF-16 char; small bodies ride in the same buffer.
        return (chars * 3) + target.PathAndQuery.Length + target.HostHeader.Length + Math.Min(body?.Bytes.Length ?? 0, InlineBodyLimit);
    }

    private int WriteHead(
        byte[] buffer, Http1Target target, HttpMethod method, HttpBody? body, IReadOnlyList<KeyValuePair<string, string>>? extra, string? cookie)
    {
        var span = buffer.AsSpan();
        var at = Text(span, 0, method.Method);
        span[at++] = (byte)' ';
        target.PathAndQuery.CopyTo(span[at..]);
        at += target.PathAndQuery.Length;
        " HTTP/1.1\r\n"u8.CopyTo(span[at..]);
        at += 11;

        var contentTypeOverridden = false;
        if (!HasHeader(options.DefaultHeaders, "Host") && !HasHeader(extra, "Host"))
        {
            target.HostHeader.CopyTo(span[at..]);
            at += target.HostHeader.Length;
        }

        if (options.UserAgent.Length > 0)
        {
            at = Header(span, at, "User-Agent", options.UserAgent);
        }

        for (var i = 0; i < options.DefaultHeaders.Count; i++)
        {
            var (name, value) = options.DefaultHeaders[i];
            contentTypeOverridden |= body is not null && name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase);
            at = Header(span, at, name, value);
        }

        if (extra is not null)
        {
            for (var i = 0; i < extra.Count; i++)
            {
                var (name, value) = extra[i];
                contentTypeOverridden |= body is not null && name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase);
                at = Header(span, at, name, value);
            }
        }

        if (cookie is { Length: > 0 })
        {
            at = Header(span, at, "Cookie", cookie);
        }

        if (body is not null)
        {
            if (!contentTypeOverridden)
            {
                at = Header(span, at, "Content-Type", body.ContentType);
            }

            at = ContentLength(span, at, body.Bytes.Length);
        }
        else if (MustHaveBody(method))
        {
            // As the handler does: a POST or PUT without content still says so.
            at = ContentLength(span, at, 0);
        }

        span[at++] = (byte)'\r';
        span[at++] = (byte)'\n';
        return at;
    }

    private static bool MustHaveBody(HttpMethod method) =>
        method != HttpMethod.Get && method != HttpMethod.Head && method != HttpMethod.Delete
        && method != HttpMethod.Options && method != HttpMethod.Trace && method != HttpMethod.Connect;

    private static bool HasHeader(IReadOnlyList<KeyValuePair<string, string>>? headers, string name)
    {
        if (headers is null)
        {
            return false;
        }

        for (var i = 0; i < headers.Count; i++)
        {
            if (headers[i].Key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static int Header(Span<byte> span, int at, string name, string value)
    {
        at = Text(span, at, name);
        span[at++] = (byte)':';
        span[at++] = (byte)' ';
        at = Text(span, at, value);
        span[at++] = (byte)'\r';
        span[at++] = (byte)'\n';
        return at;
    }

    private static int ContentLength(Span<byte> span, int at, long length)
    {
        "Content-Length: "u8.CopyTo(span[at..]);
        at += 16;
        Utf8Formatter.TryFormat(length, span[at..], out var written);
        at += written;
        span[at++] = (byte)'\r';
        span[at++] = (byte)'\n';
        return at;
    }

    private static int Text(Span<byte> span, int at, string text) => at + Encoding.UTF8.GetBytes(text, span[at..]);

    /// <summary>Collects a body of unknown length in pooled memory (or just counts it when discarding).</summary>
    private struct BodyBuffer(bool keep) : IDisposable
    {
        private byte[]? _buffer;
        private int _length;

        public void Append(ReadOnlySpan<byte> data)
        {
            if (!keep || data.IsEmpty)
            {
                return;
            }

            if (_buffer is null || _length + data.Length > _buffer.Length)
            {
                var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_length + data.Length, (_buffer?.Length ?? 2048) * 2));
                _buffer?.AsSpan(0, _length).CopyTo(bigger);
                if (_buffer is not null)
                {
                    ArrayPool<byte>.Shared.Return(_buffer);
                }

                _buffer = bigger;
            }

            data.CopyTo(_buffer.AsSpan(_length));
            _length += data.Length;
        }

        public readonly ReadOnlyMemory<byte> ToMemory() =>
            !keep ? default : _length == 0 ? ReadOnlyMemory<byte>.Empty : _buffer.AsSpan(0, _length).ToArray();

        public void Dispose()
        {
            if (_buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = null;
            }
        }
    }
}

/// <summary>One response as the lean client read it.</summary>
internal readonly record struct Http1Hop(int Status, byte[] RawHead, ReadOnlyMemory<byte> Body, bool HasSetCookie);
