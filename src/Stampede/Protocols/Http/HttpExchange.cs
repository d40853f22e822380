using System.Diagnostics;

namespace Stampede.Protocols.Http;

/// <summary>
/// The wire-level record of one request hop: the connect callback, the TLS filter and the connection's
/// <see cref="WireTimingStream"/> write timestamps and byte counts into it. Sessions reuse it between requests.
/// </summary>
/// <remarks>
/// Socket callbacks may run on other threads (HTTP/2 runs its own read and write loops), so byte counts are
/// interlocked; timestamps are plain fields because each has one writer at a time in the cases we attribute exactly.
/// </remarks>
internal sealed class HttpExchange
{
    private long _bytesSent;
    private long _bytesReceived;

    public long Start { get; private set; }

    public long ConnectStart { get; private set; }

    public long ConnectEnd { get; private set; }

    /// <summary>When the connection was ready for HTTP (after TLS, if any); zero when a pooled one was reused.</summary>
    public long ConnectionReady { get; private set; }

    public bool Tls { get; private set; }

    public long FirstWrite { get; private set; }

    public long LastWrite { get; private set; }

    public long FirstRead { get; private set; }

    /// <summary>When the handler handed back the response headers; later writes are not the request's.</summary>
    public long HeadersReceived { get; private set; }

    public long BytesSent => Interlocked.Read(ref _bytesSent);

    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    /// <summary>Timeout source, reused while no one else holds its token.</summary>
    public CancellationTokenSource? Timeout { get; set; }

    public void Begin(long start)
    {
        Start = start;
        ConnectStart = ConnectEnd = ConnectionReady = 0;
        Tls = false;
        FirstWrite = LastWrite = FirstRead = HeadersReceived = 0;
        Interlocked.Exchange(ref _bytesSent, 0);
        Interlocked.Exchange(ref _bytesReceived, 0);
    }

    public void OnConnectStart(long timestamp) => ConnectStart = timestamp;

    public void OnConnectEnd(long timestamp) => ConnectEnd = timestamp;

    public void OnConnectionReady(long timestamp, bool tls)
    {
        ConnectionReady = timestamp;
        Tls = tls;
    }

    /// <param name="count">Bytes written.</param>
    /// <param name="before">Timestamp before the write.</param>
    /// <param name="after">Timestamp after the write.</param>
    /// <param name="carriesRequest">False for HTTP/2 connection chatter (PING, SETTINGS, WINDOW_UPDATE): bytes yes, Sending no.</param>
    public void OnWrite(int count, long before, long after, bool carriesRequest)
    {
        Interlocked.Add(ref _bytesSent, count);
        if (!carriesRequest || HeadersReceived != 0)
        {
            return;
        }

        if (FirstRead != 0)
        {
            // A read before this write cannot have been the response's first byte (HTTP/2 SETTINGS from the
            // server between our preface and our HEADERS frame).
            FirstRead = 0;
            FirstWrite = before;
        }

        if (FirstWrite == 0)
        {
            FirstWrite = before;
        }

        LastWrite = after;
    }

    public void OnRead(int count, long timestamp)
    {
        Interlocked.Add(ref _bytesReceived, count);
        if (count > 0 && FirstRead == 0 && LastWrite != 0)
        {
            FirstRead = timestamp;
        }
    }

    public void OnHeadersReceived(long timestamp) => HeadersReceived = timestamp;

    /// <summary>Turns the timestamps into k6's breakdown.</summary>
    /// <param name="end">When the last body byte was read (or the failure was seen).</param>
    /// <param name="multiplexed">
    /// HTTP/2: a connection's first read may be a frame for another stream or a SETTINGS ACK, so the first byte
    /// is taken as the moment the handler delivered this response's headers.
    /// </param>
    /// <param name="streaming">The body was handed over unread: Receiving is zero.</param>
    public HttpTimings ToTimings(long end, bool multiplexed, bool streaming)
    {
        var firstByte = multiplexed || FirstRead == 0 ? HeadersReceived : FirstRead;
        if (firstByte == 0 && FirstRead != 0)
        {
            firstByte = FirstRead;
        }

        var connecting = ConnectEnd > ConnectStart && ConnectStart != 0 ? Ms(ConnectEnd - ConnectStart) : 0;
        var tls = Tls && ConnectionReady > ConnectEnd && ConnectEnd != 0 ? Ms(ConnectionReady - ConnectEnd) : 0;

        // Before anything was written, all elapsed time is "blocked" (or connecting, if a connect was seen).
        var sentAt = FirstWrite != 0 ? FirstWrite : end;
        var blocked = Math.Max(0, Ms(sentAt - Start) - connecting - tls);
        var sending = LastWrite > FirstWrite && FirstWrite != 0 ? Ms(LastWrite - FirstWrite) : 0;
        var waiting = firstByte > LastWrite && LastWrite != 0 ? Ms(firstByte - LastWrite) : 0;
        var receiving = !streaming && firstByte != 0 && end > firstByte ? Ms(end - firstByte) : 0;

        return new HttpTimings
        {
            Blocked = blocked,
            Connecting = connecting,
            TlsHandshaking = tls,
            Sending = sending,
            Waiting = waiting,
            Receiving = receiving,
            StartTimestamp = Start,
            FirstByteTimestamp = firstByte,
        };
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
