using System.Threading.Channels;

namespace Stampede.Cli.Dashboard;

/// <summary>
/// One connected browser's queue of frames. It holds a few seconds at most: when the browser reads too slowly
/// the oldest frame is dropped and counted, so a stalled tab costs the run a few kilobytes, never a wait.
/// </summary>
internal sealed class DashboardClient
{
    /// <summary>Frames a browser may fall behind by before the oldest is dropped.</summary>
    public const int Capacity = 8;

    private readonly Channel<byte[]> _frames;
    private long _dropped;

    public DashboardClient()
    {
        _frames = Channel.CreateBounded<byte[]>(
            new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = false },
            _ => Interlocked.Increment(ref _dropped));
    }

    /// <summary>Frames this browser missed.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public ChannelReader<byte[]> Frames => _frames.Reader;

    /// <summary>Queues a frame without waiting; a full queue drops its oldest frame instead.</summary>
    public void Offer(byte[] frame) => _frames.Writer.TryWrite(frame);

    /// <summary>No more frames will come (the run ended and its last frame was queued, or the dashboard closes).</summary>
    public void Complete() => _frames.Writer.TryComplete();
}
