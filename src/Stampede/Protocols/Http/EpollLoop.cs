using System.Diagnostics;
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
/// <para>
/// The loop also runs <see cref="ILoopTimer"/>s, such as the arrival-rate scheduler: it checks the clock after
/// every socket event and sleeps in <c>epoll_wait</c> on a timer descriptor when it has nothing else to do, so
/// an arrival starts within one event's work of its time instead of waiting for a second thread to get the core.
/// </para>
/// </remarks>
internal sealed class EpollLoop : IDisposable
{
    private const int MaxEvents = 256;

    /// <summary>
    /// The shortest time between two wakes for timers when the loop is idle. Between socket events timers run as
    /// soon as they are due, which costs nothing; waking an idle loop costs a context switch and three system
    /// calls, so at 20,000 arrivals a second starting two at a time every 100 µs takes a quarter less CPU per
    /// request than a wake per arrival and keeps them within about 100 µs of their time.
    /// </summary>
    private static readonly long IdleWakeQuantum = Stopwatch.Frequency / 10_000;

    /// <summary>Event data that means "wake up and look at <see cref="_stopping"/> and the timers", not a socket.</summary>
    private const ulong WakeToken = ulong.MaxValue;

    /// <summary>Event data that means "the timer descriptor expired".</summary>
    private const ulong TimerToken = ulong.MaxValue - 1;

    private readonly int _epoll;
    private readonly int _wake;
    private readonly int _timer;
    private readonly List<ILoopTimer> _newTimers = [];
    private readonly List<(ILoopTimer Timer, long Due)> _timers = [];
    private volatile bool _timersWoken;
    private long _nextDue = long.MaxValue;
    private long _armedFor = long.MaxValue;
    private long _timersRanAt;
    private readonly Thread _thread;
    private readonly Lock _lock = new();
    private readonly Stack<int> _freeSlots = new();
    private volatile LoopSocket?[] _sockets = new LoopSocket?[64];
    private int _slotsUsed;
    private uint _generation;
    private volatile bool _stopping;

    private EpollLoop(int epoll, int wake, int timer)
    {
        _epoll = epoll;
        _wake = wake;
        _timer = timer;
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
        var timer = LinuxSockets.TimerFdCreate(LinuxSockets.ClockMonotonic, LinuxSockets.TimerFdNonBlocking);
        if (wake < 0 || timer < 0
            || LinuxSockets.EpollAdd(epoll, wake, LinuxSockets.EpollIn, WakeToken) < 0
            || LinuxSockets.EpollAdd(epoll, timer, LinuxSockets.EpollIn, TimerToken) < 0)
        {
            foreach (var fd in (ReadOnlySpan<int>)[epoll, wake, timer])
            {
                if (fd >= 0)
                {
                    _ = LinuxSockets.Close(fd);
                }
            }

            return null;
        }

        return new EpollLoop(epoll, wake, timer);
    }

    /// <summary>Runs <paramref name="timer"/> on the loop's thread: first at once, then whenever it asks.</summary>
    public void Schedule(ILoopTimer timer)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            _newTimers.Add(timer);
        }

        WakeTimers();
    }

    /// <summary>Runs every timer soon, due or not: for news a timer must act on, such as a stop.</summary>
    public void WakeTimers()
    {
        _timersWoken = true;
        Wake();
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
        Wake();
        if (Thread.CurrentThread != _thread)
        {
            _thread.Join();
        }

        _ = LinuxSockets.Close(_timer);
        _ = LinuxSockets.Close(_wake);
        _ = LinuxSockets.Close(_epoll);
    }

    private void Wake()
    {
        ulong one = 1;
        _ = LinuxSockets.Write(_wake, ref one, sizeof(ulong));
    }

    private void Run()
    {
        var events = new byte[MaxEvents * LinuxSockets.EpollEventSize];
        while (!_stopping)
        {
            var next = RunTimers();
            ArmTimer(next == long.MaxValue ? next : Math.Max(next, _timersRanAt + IdleWakeQuantum));
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
                if (token is WakeToken or TimerToken)
                {
                    // Drain the descriptor; the timers run at the top of the loop.
                    ulong expirations = 0;
                    _ = LinuxSockets.Read(token == WakeToken ? _wake : _timer, ref expirations, sizeof(ulong));
                    if (token == TimerToken)
                    {
                        _armedFor = long.MaxValue;
                    }

                    continue;
                }

                // Read per event: a socket added while this batch runs may have grown the table.
                var sockets = _sockets;
                var slot = (int)(uint)token;
                if (slot < sockets.Length && sockets[slot] is { } socket && socket.Token == token)
                {
                    socket.OnEvents(flags);
                }

                if (_nextDue != long.MaxValue && Stopwatch.GetTimestamp() >= _nextDue)
                {
                    RunTimers();
                }
            }
        }
    }

    /// <summary>Runs the timers that are due (all of them after <see cref="WakeTimers"/>); returns when the next is due.</summary>
    private long RunTimers()
    {
        var fireAll = _timersWoken;
        if (fireAll)
        {
            _timersWoken = false;
            lock (_lock)
            {
                foreach (var timer in _newTimers)
                {
                    _timers.Add((timer, 0));
                }

                _newTimers.Clear();
            }
        }

        var next = long.MaxValue;
        _timersRanAt = Stopwatch.GetTimestamp();
        for (var i = 0; i < _timers.Count; i++)
        {
            var (timer, due) = _timers[i];
            var now = Stopwatch.GetTimestamp();
            if (fireAll || due <= now)
            {
                if (timer.Fire(now) is not { } asked)
                {
                    _timers.RemoveAt(i);
                    i--;
                    continue;
                }

                due = asked;
                _timers[i] = (timer, due);
            }

            next = Math.Min(next, due);
        }

        _nextDue = next;
        return next;
    }

    /// <summary>Makes the timer descriptor wake <c>epoll_wait</c> at <paramref name="due"/>, or never.</summary>
    private void ArmTimer(long due)
    {
        if (due == _armedFor)
        {
            return;
        }

        _armedFor = due;
        if (due == long.MaxValue)
        {
            _ = LinuxSockets.ArmTimer(_timer, 0);
            return;
        }

        // A time already past still arms the timer (for 1 ns): 0 would disarm it.
        var nanoseconds = (long)((due - Stopwatch.GetTimestamp()) * (1e9 / Stopwatch.Frequency));
        _ = LinuxSockets.ArmTimer(_timer, Math.Max(nanoseconds, 1));
    }
}
