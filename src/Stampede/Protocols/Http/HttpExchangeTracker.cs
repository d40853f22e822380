namespace Stampede.Protocols.Http;

/// <summary>
/// Tells a connection's <see cref="WireTimingStream"/> which request it is carrying. One per transport (handler).
/// </summary>
/// <remarks>
/// HTTP/1.1 writes the request on the caller's async flow, so the flow-local exchange is exact even when one
/// session sends a batch concurrently; the connection then remembers that exchange for the reads that follow
/// (the handler's read-ahead runs with the flow suppressed, so reads cannot look it up themselves).
/// HTTP/2 reads and writes on the connection's own loops; there the most recently started exchange is used,
/// which is exact for a virtual user sending one request at a time and approximate for concurrent sends.
/// </remarks>
internal sealed class HttpExchangeTracker
{
    private readonly AsyncLocal<HttpExchange?> _flow = new();
    private HttpExchange? _latest;

    public HttpExchange? Latest => Volatile.Read(ref _latest);

    public HttpExchange? OnFlow => _flow.Value;

    /// <summary>Marks <paramref name="exchange"/> as the current one on this async flow (restored when the caller's async method returns).</summary>
    public void Enter(HttpExchange exchange)
    {
        _flow.Value = exchange;
        Volatile.Write(ref _latest, exchange);
    }
}
