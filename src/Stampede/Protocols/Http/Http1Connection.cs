using System.Net.Security;
using System.Net.Sockets;

namespace Stampede.Protocols.Http;

/// <summary>
/// One keep-alive HTTP/1.1 connection of the lean client: a socket (plain HTTP goes straight to it, no stream
/// in between), an <see cref="SslStream"/> on top for HTTPS, and a read buffer that holds what was read past
/// the end of the part being parsed.
/// </summary>
internal sealed class Http1Connection : IDisposable
{
    private const int InitialBufferSize = 2 * 1024;

    /// <summary>The most a buffer grows to for reading a body past it (discarded bodies are read through the buffer).</summary>
    private const int MaxBodyReadSize = 64 * 1024;

    private byte[]? _buffer;

    private readonly Socket? _socket;
    private readonly SslStream? _tls;
    private readonly LoopSocket? _loopSocket;

    public Http1Connection(Socket socket, SslStream? tls, Http1Target target)
    {
        _socket = socket;
        _tls = tls;
        Target = target;
    }

    /// <summary>A plain-HTTP connection served by an <see cref="EpollLoop"/>.</summary>
    public Http1Connection(LoopSocket socket, Http1Target target)
    {
        _loopSocket = socket;
        Target = target;
    }

    /// <summary>The target this connection was opened for; it serves any target with the same endpoint.</summary>
    public Http1Target Target { get; }

    /// <summary>Read buffer; bytes [<see cref="Start"/>, <see cref="End"/>) are read but not consumed.</summary>
    /// <remarks>
    /// Owned by the connection, not rented per request: virtual users that sleep the same second wake together,
    /// and a thousand requests renting at once overflow the shared pool, whose overflow then dies old and piles up
    /// in the last generation (measured: ~4 MB per wave of 1,000 VUs). 2 KB per connection costs less than that and
    /// holds a typical response head with a small body; a larger body grows it (<see cref="ExpandForBody"/>) until
    /// the connection goes idle.
    /// </remarks>
    public byte[] Buffer => _buffer ??= GC.AllocateUninitializedArray<byte>(InitialBufferSize);

    public int Start { get; set; }

    public int End { get; set; }

    public int Buffered => End - Start;

    /// <summary>The connection has served a request before (a failure before any response byte may be a stale keep-alive).</summary>
    public bool Reused { get; set; }

    public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct) =>
        _loopSocket is not null ? _loopSocket.ReceiveAsync(buffer, ct)
        : _tls is null ? _socket!.ReceiveAsync(buffer, SocketFlags.None, ct)
        : _tls.ReadAsync(buffer, ct);

    public ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct) =>
        _loopSocket is not null ? _loopSocket.SendAsync(buffer, ct) : WriteToSocketAsync(buffer, ct);

    private async ValueTask WriteToSocketAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct)
    {
        if (_tls is not null)
        {
            await _tls.WriteAsync(buffer, ct).ConfigureAwait(false);
            return;
        }

        while (!buffer.IsEmpty)
        {
            var sent = await _socket!.SendAsync(buffer, SocketFlags.None, ct).ConfigureAwait(false);
            buffer = buffer[sent..];
        }
    }

    /// <summary>Reads more bytes after <see cref="End"/>, first moving unconsumed bytes to the front (and growing a full buffer).</summary>
    /// <returns>Bytes read; 0 at end of stream.</returns>
    public ValueTask<int> FillAsync(CancellationToken ct)
    {
        if (Start > 0)
        {
            Buffer.AsSpan(Start, Buffered).CopyTo(Buffer);
            End -= Start;
            Start = 0;
        }

        if (End == Buffer.Length)
        {
            var bigger = GC.AllocateUninitializedArray<byte>(Buffer.Length * 2);
            Buffer.AsSpan(0, End).CopyTo(bigger);
            _buffer = bigger;
        }

        return ReadAsync(Buffer.AsMemory(End), ct);
    }

    /// <summary>
    /// Before reading <paramref name="remaining"/> body bytes through an empty buffer: a bigger buffer, up to 64 KB,
    /// so a large discarded body takes a few reads rather than one per 2 KB.
    /// </summary>
    public void ExpandForBody(long remaining)
    {
        if (Buffered == 0 && remaining > Buffer.Length && Buffer.Length < MaxBodyReadSize)
        {
            _buffer = GC.AllocateUninitializedArray<byte>((int)Math.Min(MaxBodyReadSize, Math.Max(remaining, Buffer.Length * 2L)));
            Start = End = 0;
        }
    }

    /// <summary>Drops a read buffer that grew for a large response, so an idle connection holds at most the initial size.</summary>
    public void ReleaseBuffer()
    {
        if (_buffer is not null && Buffered == 0 && _buffer.Length > InitialBufferSize)
        {
            _buffer = null;
            Start = End = 0;
        }
    }

    public void Dispose()
    {
        _buffer = null;
        if (_tls is not null)
        {
            _tls.Dispose();
        }

        _socket?.Dispose();
        _loopSocket?.Dispose();
    }
}
