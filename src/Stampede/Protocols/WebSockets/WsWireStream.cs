namespace Stampede.Protocols.WebSockets;

/// <summary>
/// The WebSocket's TCP stream, wrapped to timestamp every network read. ClientWebSocket reads ahead into its own
/// buffer, so several messages can arrive in one read and be handed out later without touching the network; only
/// the connection stream can tell a message that came off the wire from one that waited in that buffer.
/// Reads happen only inside the session's one pending receive, so the counters are written and read in sequence.
/// </summary>
internal sealed class WsWireStream(Stream inner, TimeProvider time) : Stream
{
    private long _reads;
    private long _lastRead;

    /// <summary>Network reads that returned data so far.</summary>
    public long Reads => Volatile.Read(ref _reads);

    /// <summary>When the latest read returned (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    public long LastReadTimestamp => Volatile.Read(ref _lastRead);

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Stamp(read);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Stamp(read);
        return read;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Stamp(int read)
    {
        if (read > 0)
        {
            Volatile.Write(ref _lastRead, time.GetTimestamp());
            Interlocked.Increment(ref _reads);
        }
    }
}
