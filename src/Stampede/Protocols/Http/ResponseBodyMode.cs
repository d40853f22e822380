namespace Stampede.Protocols.Http;

/// <summary>What a session does with a response body.</summary>
public enum ResponseBodyMode
{
    /// <summary>Read to the end (so timings and byte counts are complete) and drop it.</summary>
    Discard,

    /// <summary>Read to the end and keep the bytes on the response (k6's "text"). The default.</summary>
    Keep,

    /// <summary>
    /// Hand the open body stream to the caller after the headers arrive (for SSE and other streaming layers);
    /// the caller disposes it. Receiving is then zero: the caller owns the rest of the exchange.
    /// </summary>
    Stream,
}
