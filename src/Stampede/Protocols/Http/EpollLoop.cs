using System.Runtime.InteropServices;

namespace Stampede.Protocols.Http;

/// <summary>
/// A wrk-style event loop for the lean client's plain-HTTP connections: one thread waits on one epoll set for
/// all of them and runs whatever awaited a socket (the rest of the request, the VU's next step) right there.
/// </summary>
/// <remarks>
/// A request costs a <c>send</c> and a share of one <c>epoll_wait</c> and <c>recv</c>, with no speculative read
/// and no hand-off through .NET's socket operation queues. Only for code that never blocks: a continuation that
/// blocks stalls every connection on the loop, which is why the CLI, which runs only Stampede's own steps, is
/// what turns it on (<see cref="Execution.EngineOptions.SocketEventLoop"/>). Sockets are registered once,
/// edge-triggered, for reads, writes and hang-ups; TLS connections stay on .NET's sockets.
/// </remarks>
internal sealed class EpollLoop : IDisposable
{
    private const int MaxEvents = 256;

    /// <summary>Event data that means "wake up and look at <see cref="_stopping"/>", not a socket.</summary>
    private const ulong WakeToken = ulong.MaxValue;

    private readonly int _epoll;
    private readonly int _wake;
    private readonly Thread _thread;
    private readonly Lock _lock = new();
    private readonly Stack<int> _freeSlots = new();
    private volatile LoopSocket?[] _sockets = new LoopSocket?[64];
    private int _slotsUsed;
    private uint _generation;
    private volatile bool _stopping;

    private EpollLoop(int epoll, int wake)
    {
        _epoll = epoll;
        _wake = wake;
        _thread = new Thread(Run) { IsBackground = true, Name = "Stampede sockets" };
        _thread.Start();
    }

    /// <summary>A running loop, or null where there is no epoll (not Linux, or no usable libc).</summary>
    public static EpollLoop? TryCreate()
    {
        if (!LinuxSockets.Available())
        {
            return null;
        }

        var epoll = LinuxSockets.EpollCreate(LinuxSockets.EpollCloexec);
        if (epoll < 0)
        {
            return null;
        }

        var wake = LinuxSockets.EventFd(0, LinuxSockets.EventFdNonBlocking);
        if (wake < 0 || LinuxSockets.EpollAdd(epoll, wake, LinuxSockets.EpollIn, WakeToken) < 0)
        {
            _ = LinuxSockets.Close(epoll);
            if (wake >= 0)
            {
                _ = LinuxSockets.Close(wake);
            }

            return null;
        }

        return new EpollLoop(epoll, wake);
    }

    /// <summary>Watches <paramref name="socket"/>'s descriptor from now until <see cref="Remove"/>.</summary>
    public void Add(LoopSocket socket)
    {
        ulong token;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            int slot;
            if (!_freeSlots.TryPop(out slot))
            {
                slot = _slotsUsed++;
                if (slot == _sockets.Length)
                {
                    var bigger = new LoopSocket?[_sockets.Length * 2];
                    Array.Copy(_sockets, bigger, _sockets.Length);
                    _sockets = bigger;
                }
            }

            // The generation tells a stale event (for a socket closed after epoll reported it) from its slot's next owner.
            token = ((ulong)++_generation << 32) | (uint)slot;
            socket.Token = token;
            _sockets[slot] = socket;
        }

        if (LinuxSockets.EpollAdd(_epoll, socket.Descriptor, LinuxSockets.EpollIn | LinuxSockets.EpollOut | LinuxSockets.EpollRdHup | LinuxSockets.EpollEdgeTriggered, token) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            Remove(socket);
            throw LinuxSockets.Error(errno);
        }
    }

    /// <summary>Stops watching <paramref name="socket"/>; call before closing its descriptor.</summary>
    public void Remove(LoopSocket socket)
    {
        _ = LinuxSockets.EpollDelete(_epoll, socket.Descriptor);
        lock (_lock)
        {
            var slot = (int)(uint)socket.Token;
            if (slot < _sockets.Length && ReferenceEquals(_sockets[slot], socket))
            {
                _sockets[slot] = null;
                _freeSlots.Push(slot);
            }
        }
    }

    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        ulong one = 1;
        _ = LinuxSockets.Write(_wake, ref one, sizeof(ulong));
        if (Thread.CurrentThread != _thread)
        {
            _thread.Join();
        }

        _ = LinuxSockets.Close(_wake);
        _ = LinuxSockets.Close(_epoll);
    }

    private void Run()
    {
        var events = new byte[MaxEvents * LinuxSockets.EpollEventSize];
        while (!_stopping)
        {
            var count = LinuxSockets.EpollWait(_epoll, ref events[0], MaxEvents, -1);
            if (count < 0)
            {
                if (Marshal.GetLastPInvokeError() == LinuxSockets.EIntr)
                {
                    continue;
                }

                return;
            }

            for (var i = 0; i < count; i++)
            {
                var (flags, token) = LinuxSockets.ReadEvent(events, i);
                if (token == WakeToken)
                {
                    continue;
                }

                // Read per event: a socket added while this batch runs may have grown the table.
                var sockets = _sockets;
                var slot = (int)(uint)token;
                if (slot < sockets.Length && sockets[slot] is { } socket && socket.Token == token)
                {
                    socket.OnEvents(flags);
                }
            }
        }
    }
}
