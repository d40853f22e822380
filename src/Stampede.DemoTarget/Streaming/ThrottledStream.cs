namespace Stampede.DemoTarget.Streaming;

/// <summary>A response body that trickles out at a fixed byte rate, in chunks of about 50 ms, for the slow-body fault.</summary>
internal sealed class ThrottledStream(Stream inner, int bytesPerSecond, TimeProvider time) : Stream
{
    private readonly int _chunk = Math.Max(1, bytesPerSecond / 20);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            var piece = buffer[..Math.Min(_chunk, buffer.Length)];
            await inner.WriteAsync(piece, cancellationToken).ConfigureAwait(false);
            await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
            buffer = buffer[piece.Length..];
            await Task.Delay(TimeSpan.FromSeconds((double)piece.Length / bytesPerSecond), time, cancellationToken).ConfigureAwait(false);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => throw new NotSupportedException("The demo target writes bodies asynchronously.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("The demo target writes bodies asynchronously.");

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
