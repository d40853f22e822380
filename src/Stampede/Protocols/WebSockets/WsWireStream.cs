using System.Security.Cryptography;

namespace Stampede.Protocols.WebSockets;

/// <summary>
/// The WebSocket's TCP stream, wrapped to timestamp every network read. ClientWebSocket reads ahead into its own
/// buffer, so several messages can arrive in one read and be handed out later without touching the network; only
/// the connection stream can tell a message that came off the wire from one that waited in that buffer.
/// Reads happen only inside the session's one pending receive, so the counters are written and read in sequence.
/// It also sees the ping and pong frames ClientWebSocket keeps to itself (<see cref="ControlFrames"/>), and sends
/// pings of its own between ClientWebSocket's frames (<see cref="SendPingAsync"/>).
/// </summary>
internal sealed class WsWireStream : Stream
{
    private readonly Stream _inner;
    private readonly TimeProvider _time;

    // Reading from the first byte, so that the reader finds where the upgrade's response ends and the frames begin.
    private readonly WsControlFrameReader _controlFrames;

    public WsWireStream(Stream inner, TimeProvider time)
    {
        _inner = inner;
        _time = time;
        _controlFrames = new WsControlFrameReader(frame => _onControlFrame?.Invoke(frame));
    }

    private readonly SemaphoreSlim _writing = new(1, 1);
    private long _reads;
    private long _lastRead;
    private Action<WsControlFrame>? _onControlFrame;

    /// <summary>Called (on the receiving thread) with each ping or pong frame read from now on.</summary>
    public Action<WsControlFrame>? ControlFrames
    {
        set => _onControlFrame = value;
    }

    /// <summary>Network reads that returned data so far.</summary>
    public long Reads => Volatile.Read(ref _reads);

    /// <summary>When the latest read returned (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    public long LastReadTimestamp => Volatile.Read(ref _lastRead);

    public override bool CanRead => _inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => _inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Stamp(read);
        _controlFrames.Read(buffer.Span[..read], _lastRead);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(Span<byte> buffer)
    {
        var read = _inner.Read(buffer);
        Stamp(read);
        _controlFrames.Read(buffer[..read], _lastRead);
        return read;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    // ClientWebSocket writes each frame, header and payload, in one call; holding a lock per call keeps a ping of
    // ours from landing in the middle of one of its frames.
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writing.Release();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _writing.Wait();
        try
        {
            _inner.Write(buffer);
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Sends a ping frame (masked, as a client's frames must be) carrying <paramref name="payload"/> (at most 125 bytes).</summary>
    public async Task SendPingAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var frame = new byte[6 + payload.Length];
        frame[0] = 0x80 | 0x9;   // FIN, ping
        frame[1] = (byte)(0x80 | payload.Length);
        RandomNumberGenerator.Fill(frame.AsSpan(2, 4));
        for (var i = 0; i < payload.Length; i++)
        {
            frame[6 + i] = (byte)(payload.Span[i] ^ frame[2 + (i % 4)]);
        }

        await WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override void Flush() => _inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _writing.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Stamp(int read)
    {
        if (read > 0)
        {
            Volatile.Write(ref _lastRead, _time.GetTimestamp());
            Interlocked.Increment(ref _reads);
        }
    }
}
