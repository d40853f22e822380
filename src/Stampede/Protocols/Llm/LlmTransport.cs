namespace Stampede.Protocols.Llm;

/// <summary>How the answer streams back.</summary>
public enum LlmTransport
{
    /// <summary>An HTTP POST answered with <c>text/event-stream</c> (OpenAI, Anthropic, most gateways).</summary>
    Sse,

    /// <summary>A message on a WebSocket session (kept open across the VU's requests), answered by several messages.</summary>
    WebSocket,
}
