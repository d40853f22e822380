namespace Stampede.DemoTarget.Streaming;

/// <summary>Which protocol a streamed answer goes out on.</summary>
internal enum StreamKind
{
    Sse,
    WebSocket,
    Completion,
}
