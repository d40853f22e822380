using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Stampede.DemoTarget.Streaming;

/// <summary>
/// One server-side WebSocket: reads whole text messages and sends small JSON objects. Sends are serialised
/// because a WebSocket allows one outstanding send, and pub/sub sends from a timer and a reader at once.
/// </summary>
internal sealed class WebSocketSession(WebSocket socket) : IDisposable
{
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ArrayBufferWriter<byte> _outgoing = new(256);
    private readonly byte[] _incoming = new byte[4096];
    private Utf8JsonWriter? _json;

    /// <summary>The next text message, or null when the client closed the socket.</summary>
    public async Task<string?> ReceiveTextAsync(int maxBytes, CancellationToken cancellationToken)
    {
        var received = 0;
        byte[]? large = null;
        try
        {
            while (true)
            {
                var target = large ?? _incoming;
                if (received == target.Length)
                {
                    if (target.Length >= maxBytes)
                    {
                        await socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, "message too big", cancellationToken).ConfigureAwait(false);
                        return null;
                    }

                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(maxBytes, target.Length * 2));
                    target.AsSpan(0, received).CopyTo(bigger);
                    if (large is not null)
                    {
                        ArrayPool<byte>.Shared.Return(large);
                    }

                    large = bigger;
                    target = bigger;
                }

                var result = await socket.ReceiveAsync(target.AsMemory(received), cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                received += result.Count;
                if (result.EndOfMessage)
                {
                    return Encoding.UTF8.GetString(target, 0, received);
                }
            }
        }
        finally
        {
            if (large is not null)
            {
                ArrayPool<byte>.Shared.Return(large);
            }
        }
    }

    /// <summary>Sends one JSON object whose properties <paramref name="write"/> fills in.</summary>
    public async Task SendAsync(Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _outgoing.ResetWrittenCount();
            if (_json is null)
            {
                _json = new Utf8JsonWriter(_outgoing);
            }
            else
            {
                _json.Reset(_outgoing);
            }

            _json.WriteStartObject();
            write(_json);
            _json.WriteEndObject();
            _json.Flush();
            await socket.SendAsync(_outgoing.WrittenMemory, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public void Dispose()
    {
        _json?.Dispose();
        _sendLock.Dispose();
    }

    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", cancellationToken).ConfigureAwait(false);
        }
    }
}
