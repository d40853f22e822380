namespace Stampede.Protocols.Http;

/// <summary>Why a request failed, if it did. Every failure is reported as a value on <see cref="HttpResponse"/>; sessions never throw for network or HTTP problems.</summary>
public enum HttpErrorKind
{
    /// <summary>The request completed with an expected status.</summary>
    None,

    /// <summary>The host name could not be resolved (k6 codes 1100, 1101).</summary>
    Dns,

    /// <summary>The server refused the TCP connection (k6 code 1212).</summary>
    ConnectionRefused,

    /// <summary>
    /// The server dropped the connection: a TCP reset (k6 code 1220), a broken pipe (1201),
    /// or an HTTP/1.1 response that ended before it was complete (1000, "unexpected EOF").
    /// </summary>
    ConnectionReset,

    /// <summary>The TCP connection could not be established in time (k6 code 1211).</summary>
    ConnectTimeout,

    /// <summary>The whole request (including reading the body) took longer than its timeout (k6 code 1050).</summary>
    RequestTimeout,

    /// <summary>The TLS handshake failed, for example an untrusted certificate (k6 codes 1300, 1310, 1311).</summary>
    Tls,

    /// <summary>The server broke the HTTP protocol, for example an HTTP/2 stream reset (k6 codes 1600–1664).</summary>
    Protocol,

    /// <summary>The caller cancelled the request (the run is stopping); not a failure of the target.</summary>
    Cancelled,

    /// <summary>A response arrived but its status was not expected (by default: outside 200–399). Timings are still valid.</summary>
    Status,

    /// <summary>Anything else (k6 code 1000 or the closest generic code).</summary>
    Other,
}
