namespace Stampede.Protocols.Http;

/// <summary>
/// Where the time of one HTTP request went, in milliseconds, with k6's meanings
/// (<c>http_req_blocked</c>, <c>http_req_connecting</c>, …).
/// Measured at the socket: Sending ends when the last request byte was written,
/// Waiting ends when the first response byte was read.
/// </summary>
public readonly record struct HttpTimings
{
    /// <summary>
    /// Time before the request started going out that was not spent connecting: waiting for a free connection
    /// slot, DNS lookup, and (after redirects) the earlier hops.
    /// </summary>
    public double Blocked { get; init; }

    /// <summary>TCP connect time; zero when the request reused a pooled connection.</summary>
    public double Connecting { get; init; }

    /// <summary>TLS handshake time; zero for plain HTTP and for reused connections.</summary>
    public double TlsHandshaking { get; init; }

    /// <summary>Writing the request head and body.</summary>
    public double Sending { get; init; }

    /// <summary>Time to first byte: last request byte written → first response byte read.</summary>
    public double Waiting { get; init; }

    /// <summary>First response byte → last body byte. Zero when the body is handed over as a stream.</summary>
    public double Receiving { get; init; }

    /// <summary>Sending + Waiting + Receiving (k6's <c>http_req_duration</c>).</summary>
    public double Duration => Sending + Waiting + Receiving;

    /// <summary>When the request started (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> ticks).</summary>
    public long StartTimestamp { get; init; }

    /// <summary>When the first response byte arrived (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> ticks); zero if none did.</summary>
    public long FirstByteTimestamp { get; init; }
}
