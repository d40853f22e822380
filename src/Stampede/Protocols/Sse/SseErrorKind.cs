namespace Stampede.Protocols.Sse;

/// <summary>Why an event stream failed, if it did; each value is an <c>error</c> tag on <c>sse_errors</c>.</summary>
public enum SseErrorKind
{
    /// <summary>No error (the stream ended, or the caller stopped it, or it reached its maximum duration).</summary>
    None,

    /// <summary>The TCP connection was refused (<c>refused</c>).</summary>
    Refused,

    /// <summary>The host name did not resolve (<c>dns</c>).</summary>
    Dns,

    /// <summary>No response headers within the request timeout (<c>timeout</c>).</summary>
    Timeout,

    /// <summary>The response status was not 200 (<c>status</c>).</summary>
    Status,

    /// <summary>The response was not <c>text/event-stream</c> (<c>content_type</c>).</summary>
    ContentType,

    /// <summary>The connection broke mid-stream (<c>reset</c>).</summary>
    Reset,

    /// <summary>No event within the first-event timeout after the headers (<c>first_event_timeout</c>).</summary>
    FirstEventTimeout,

    /// <summary>No data within the idle timeout between events (<c>idle_timeout</c>).</summary>
    IdleTimeout,

    /// <summary>TLS failed (<c>tls</c>).</summary>
    Tls,

    /// <summary>The server broke the HTTP protocol (<c>protocol</c>).</summary>
    Protocol,

    /// <summary>The run stopped the VU; not counted as an error (<c>cancelled</c>).</summary>
    Cancelled,

    /// <summary>Anything else (<c>other</c>).</summary>
    Other,
}
