namespace Stampede.DemoTarget;

/// <summary>Which protocol a streamed answer goes out on.</summary>
internal enum StreamKind
{
    Sse,
    WebSocket,
    Completion,
}
