namespace Stampede.Protocols.Http;

/// <summary>
/// A request message that carries its <see cref="HttpExchange"/>, so the connect callback and the stream filter
/// (which see only the message that caused the connection) can record into it without a per-request
/// options dictionary.
/// </summary>
internal sealed class ExchangeRequestMessage(HttpMethod method, Uri uri, HttpExchange exchange) : HttpRequestMessage(method, uri)
{
    public HttpExchange Exchange { get; } = exchange;
}
