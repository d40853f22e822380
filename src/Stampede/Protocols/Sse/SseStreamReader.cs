using System.Buffers;

namespace Stampede.Protocols.Sse;

/// <summary>
/// Reads an event stream read by read and hands each event to a consumer, timestamped at the read that delivered
/// its first byte. Small reads (4 KiB) keep that timestamp close to the wire; the time is taken as soon as the read
/// returns, before any parsing. Enforces a first-event timeout (until the consumer calls <see cref="MarkStarted"/>),
/// an idle timeout between reads and a maximum duration, and tells them apart.
/// </summary>
internal sealed class SseStreamReader(TimeProvider time, SseParser parser)
{
    private const int ReadSize = 4096;
    private bool _started;

    /// <summary>The consumer saw what it waited for first: from now on only the idle timeout applies.</summary>
    public void MarkStarted() => _started = true;

    /// <summary>Bytes read so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>
    /// Reads <paramref name="stream"/> until it ends, <paramref name="onEvent"/> returns false or
    /// <paramref name="stop"/> fires (both <see cref="SseReadOutcome.Stopped"/>), a timeout, or cancellation.
    /// </summary>
    public async Task<SseReadOutcome> ReadAsync(
        Stream stream, Func<SseEvent, bool> onEvent, TimeSpan? firstEventTimeout, TimeSpan? idleTimeout,
        long deadline, CancellationToken ct, CancellationToken stop = default)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
        var events = new List<SseEvent>(4);
        using var timer = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        using var link = ct.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), timer);
        using var stopLink = stop.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), timer);
        var cause = SseReadOutcome.Cancelled;
        try
        {
            while (true)
            {
                if (stop.IsCancellationRequested)
                {
                    return SseReadOutcome.Stopped;
                }

                cause = Arm(timer, firstEventTimeout, idleTimeout, deadline);
                int read;
                try
                {
                    read = await stream.ReadAsync(buffer.AsMemory(0, ReadSize), timer.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return SseReadOutcome.Cancelled;
                }
                catch (Exception) when (stop.IsCancellationRequested)
                {
                    return SseReadOutcome.Stopped;
                }
                catch (Exception) when (timer.IsCancellationRequested)
                {
                    return cause;
                }
                catch (Exception exception) when (exception is IOException or HttpRequestException or ObjectDisposedException)
                {
                    return SseReadOutcome.Reset;
                }

                var now = time.GetTimestamp();
                if (read == 0)
                {
                    parser.Complete(events);
                    return Deliver(events, onEvent) ? SseReadOutcome.Ended : SseReadOutcome.Stopped;
                }

                BytesRead += read;
                parser.Parse(buffer.AsSpan(0, read), now, events);
                if (!Deliver(events, onEvent))
                {
                    return SseReadOutcome.Stopped;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool Deliver(List<SseEvent> events, Func<SseEvent, bool> onEvent)
    {
        try
        {
            foreach (var item in events)
            {
                if (!onEvent(item))
                {
                    return false;
                }
            }

            return true;
        }
        finally
        {
            events.Clear();
        }
    }

    // One timer serves all three limits: arm it for whichever comes first and remember which that was.
    private SseReadOutcome Arm(CancellationTokenSource timer, TimeSpan? first, TimeSpan? idle, long deadline)
    {
        var wait = _started ? idle : first ?? idle;
        var cause = _started || first is null ? SseReadOutcome.IdleTimeout : SseReadOutcome.FirstEventTimeout;
        if (deadline != 0)
        {
            var remaining = time.GetElapsedTime(time.GetTimestamp(), deadline);
            if (remaining < TimeSpan.Zero)
            {
                remaining = TimeSpan.Zero;
            }

            if (wait is null || remaining < wait)
            {
                wait = remaining;
                cause = SseReadOutcome.MaxDuration;
            }
        }

        timer.CancelAfter(wait ?? Timeout.InfiniteTimeSpan);
        return cause;
    }
}
