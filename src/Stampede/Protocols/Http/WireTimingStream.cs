using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Stampede.Protocols.Http;

/// <summary>
/// Wraps a connection's plaintext stream (after TLS) to timestamp the request's writes and the response's
/// first read, and to count bytes both ways at the HTTP level (headers included, TLS records excluded).
/// </summary>
internal sealed class WireTimingStream : Stream
{
    private readonly Stream _inner;
    private readonly HttpExchangeTracker _tracker;
    private readonly bool _multiplexed;
    private HttpExchange? _owner;

    public WireTimingStream(Stream inner, HttpExchangeTracker tracker, bool multiplexed, HttpExchange? owner)
    {
        _inner = inner;
        _tracker = tracker;
        _multiplexed = multiplexed;
        _owner = owner;
    }

    public override bool CanRead => _inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => _inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        OnRead(read);
        return read;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var exchange = Bind();
        var timed = !_multiplexed || Http2FrameScanner.CarriesRequest(buffer.Span);
        var before = Stopwatch.GetTimestamp();
        await _inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        exchange?.OnWrite(buffer.Length, before, Stopwatch.GetTimestamp(), timed);
    }

    public override int Read(Span<byte> buffer)
    {
        var read = _inner.Read(buffer);
        OnRead(read);
        return read;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var exchange = Bind();
        var timed = !_multiplexed || Http2FrameScanner.CarriesRequest(buffer);
        var before = Stopwatch.GetTimestamp();
        _inner.Write(buffer);
        exchange?.OnWrite(buffer.Length, before, Stopwatch.GetTimestamp(), timed);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private HttpExchange? Bind()
    {
        // See HttpExchangeTracker for why HTTP/1.1 trusts the flow and HTTP/2 the latest exchange.
        var exchange = (_multiplexed ? null : _tracker.OnFlow) ?? _tracker.Latest ?? _owner;
        _owner = exchange;
        return exchange;
    }

    private void OnRead(int read)
    {
        var exchange = _multiplexed ? _tracker.Latest ?? _owner : _owner;
        exchange?.OnRead(read, Stopwatch.GetTimestamp());
    }
}
