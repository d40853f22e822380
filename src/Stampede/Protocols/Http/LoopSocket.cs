using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading.Tasks.Sources;

namespace Stampede.Protocols.Http;

/// <summary>
/// A non-blocking TCP socket served by an <see cref="EpollLoop"/>. Sends are made on the caller's thread and
/// wait only when the kernel's buffer is full; receives wait for the loop to report data instead of trying a
/// <c>recv</c> first (right after a request there is nothing to read yet), and are read on the loop's thread.
/// Whatever awaited a receive continues on that thread.
/// </summary>
/// <remarks>
/// Epoll reports a socket's edges (data arrived, space freed, peer hung up) once each. An edge that comes while
/// nobody waits is remembered as "ready", and the next operation tries the socket before waiting; a read that
/// filled its whole buffer leaves the socket ready too, since more may be queued behind it.
/// </remarks>
internal sealed class LoopSocket : IDisposable
{
    private readonly EpollLoop _loop;
    private readonly Waiter _read;
    private readonly Waiter _write;
    private int _disposed;

    private LoopSocket(EpollLoop loop, int descriptor)
    {
        _loop = loop;
        Descriptor = descriptor;
        _read = new Waiter(this, reads: true);
        _write = new Waiter(this, reads: false);
    }

    public int Descriptor { get; }

    /// <summary>The loop's key for this socket (its slot and a generation).</summary>
    public ulong Token { get; set; }

    /// <summary>Connects to the first of <paramref name="addresses"/> that accepts, like <see cref="Socket.ConnectAsync(IPAddress[], int, CancellationToken)"/>.</summary>
    public static async ValueTask<LoopSocket> ConnectAsync(EpollLoop loop, IPAddress[] addresses, int port, CancellationToken ct)
    {
        Exception? last = null;
        foreach (var address in addresses)
        {
            var endpoint = new IPEndPoint(address, port);
            var descriptor = LinuxSockets.Socket(
                address.AddressFamily == AddressFamily.InterNetworkV6 ? LinuxSockets.AfInet6 : LinuxSockets.AfInet,
                LinuxSockets.SockStreamNonBlocking,
                LinuxSockets.IpProtoTcp);
            if (descriptor < 0)
            {
                throw LinuxSockets.Error(Marshal.GetLastPInvokeError());
            }

            var socket = new LoopSocket(loop, descriptor);
            try
            {
                var noDelay = 1;
                _ = LinuxSockets.SetOption(descriptor, LinuxSockets.IpProtoTcp, LinuxSockets.TcpNoDelay, ref noDelay, sizeof(int));
                if (!socket.StartConnect(endpoint))
                {
                    await socket.WaitAsync(socket._write, ct).ConfigureAwait(false);
                    int error = 0, length = sizeof(int);
                    _ = LinuxSockets.GetOption(descriptor, LinuxSockets.SolSocket, LinuxSockets.SoError, ref error, ref length);
                    if (error != 0)
                    {
                        throw LinuxSockets.Error(error);
                    }
                }

                return socket;
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    /// <summary>Reads what has arrived, waiting for the loop to report data if nothing has; 0 at end of stream.</summary>
    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken ct)
    {
        while (true)
        {
            if (_read.TryTakeReady())
            {
                var read = LinuxSockets.Receive(Descriptor, ref MemoryMarshal.GetReference(buffer.Span), buffer.Length, 0);
                if (read >= 0)
                {
                    if (read == buffer.Length && read > 0)
                    {
                        _read.MarkReady();
                    }

                    return new ValueTask<int>((int)read);
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno != LinuxSockets.EAgain && errno != LinuxSockets.EIntr)
                {
                    return ValueTask.FromException<int>(LinuxSockets.Error(errno));
                }
            }

            _read.Buffer = buffer;
            switch (_read.TryBeginWait(ct))
            {
                case WaitStart.Waiting:
                    return new ValueTask<int>(_read, _read.Version);
                case WaitStart.Cancelled:
                    return ValueTask.FromCanceled<int>(ct);
            }
        }
    }

    /// <summary>Sends all of <paramref name="buffer"/>; completes at once unless the kernel's send buffer is full.</summary>
    public ValueTask SendAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct)
    {
        while (!buffer.IsEmpty)
        {
            var sent = LinuxSockets.Send(Descriptor, ref MemoryMarshal.GetReference(buffer.Span), buffer.Length, LinuxSockets.MsgNoSignal);
            if (sent >= 0)
            {
                buffer = buffer[(int)sent..];
                continue;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == LinuxSockets.EAgain)
            {
                return SendWhenWritableAsync(buffer, ct);
            }

            if (errno != LinuxSockets.EIntr)
            {
                return ValueTask.FromException(LinuxSockets.Error(errno));
            }
        }

        return default;
    }

    /// <summary>Called on the loop's thread with what epoll reported.</summary>
    public void OnEvents(uint events)
    {
        if ((events & (LinuxSockets.EpollIn | LinuxSockets.EpollErr | LinuxSockets.EpollHup | LinuxSockets.EpollRdHup)) != 0)
        {
            _read.Signal();
        }

        if ((events & (LinuxSockets.EpollOut | LinuxSockets.EpollErr | LinuxSockets.EpollHup)) != 0)
        {
            _write.Signal();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _loop.Remove(this);
        _ = LinuxSockets.Close(Descriptor);

        // Nothing should be waiting by now; if something is, it must not wait forever.
        _read.Abandon();
        _write.Abandon();
    }

    /// <returns>True if connected at once; false if the connection is under way.</returns>
    private bool StartConnect(IPEndPoint endpoint)
    {
        Span<byte> address = stackalloc byte[28];
        var length = LinuxSockets.WriteAddress(endpoint, address);
        var connected = LinuxSockets.Connect(Descriptor, ref MemoryMarshal.GetReference(address), length) == 0;
        var errno = connected ? 0 : Marshal.GetLastPInvokeError();
        if (!connected && errno != LinuxSockets.EInProgress)
        {
            throw LinuxSockets.Error(errno);
        }

        // Registered after connect(): a socket not yet connecting polls as writable and hung up, which would
        // look like a finished connection. Adding reports whatever is already true, so no edge is missed.
        _loop.Add(this);
        return connected;
    }

    private async ValueTask SendWhenWritableAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct)
    {
        while (!buffer.IsEmpty)
        {
            await WaitAsync(_write, ct).ConfigureAwait(false);
            var sent = LinuxSockets.Send(Descriptor, ref MemoryMarshal.GetReference(buffer.Span), buffer.Length, LinuxSockets.MsgNoSignal);
            if (sent >= 0)
            {
                buffer = buffer[(int)sent..];
                continue;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno != LinuxSockets.EAgain && errno != LinuxSockets.EIntr)
            {
                throw LinuxSockets.Error(errno);
            }
        }
    }

    private ValueTask WaitAsync(Waiter waiter, CancellationToken ct)
    {
        while (true)
        {
            if (waiter.TryTakeReady())
            {
                return default;
            }

            switch (waiter.TryBeginWait(ct))
            {
                case WaitStart.Waiting:
                    return new ValueTask(waiter, waiter.Version);
                case WaitStart.Cancelled:
                    return ValueTask.FromCanceled(ct);
            }
        }
    }

    /// <summary>Completes a read the loop found data for, on the loop's thread.</summary>
    private void CompleteRead(Waiter waiter)
    {
        var buffer = waiter.Buffer;
        var read = LinuxSockets.Receive(Descriptor, ref MemoryMarshal.GetReference(buffer.Span), buffer.Length, 0);
        if (read < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == LinuxSockets.EAgain || errno == LinuxSockets.EIntr)
            {
                // An edge for data an earlier read already took: keep waiting.
                waiter.Rearm();
                return;
            }

            waiter.Fail(LinuxSockets.Error(errno));
            return;
        }

        if (read == buffer.Length && read > 0)
        {
            waiter.MarkReady();
        }

        waiter.Buffer = default;
        waiter.Succeed((int)read);
    }

    private enum WaitStart
    {
        Waiting,
        Ready,
        Cancelled,
    }

    /// <summary>One direction's readiness and the operation waiting on it.</summary>
    private sealed class Waiter(LoopSocket owner, bool reads) : IValueTaskSource<int>, IValueTaskSource
    {
        private const int Idle = 0;
        private const int Ready = 1;
        private const int Waiting = 2;

        private ManualResetValueTaskSourceCore<int> _core;
        private CancellationTokenRegistration _cancellation;
        private CancellationToken _token;
        private int _state;

        /// <summary>Where a waiting read goes.</summary>
        public Memory<byte> Buffer { get; set; }

        public short Version => _core.Version;

        public bool TryTakeReady() => Volatile.Read(ref _state) == Ready && Interlocked.CompareExchange(ref _state, Idle, Ready) == Ready;

        /// <summary>Only by the side that owns the idle state (the reader or the loop completing it).</summary>
        public void MarkReady() => Volatile.Write(ref _state, Ready);

        public WaitStart TryBeginWait(CancellationToken ct)
        {
            _core.Reset();
            _token = ct;
            _cancellation = ct.CanBeCanceled ? ct.UnsafeRegister(static state => ((Waiter)state!).Cancel(), this) : default;
            if (Interlocked.CompareExchange(ref _state, Waiting, Idle) != Idle)
            {
                // An edge arrived since the caller looked: try the socket again.
                _cancellation.Unregister();
                return WaitStart.Ready;
            }

            if (ct.IsCancellationRequested && Interlocked.CompareExchange(ref _state, Idle, Waiting) == Waiting)
            {
                _cancellation.Unregister();
                return WaitStart.Cancelled;
            }

            return WaitStart.Waiting;
        }

        /// <summary>An edge from epoll, on the loop's thread.</summary>
        public void Signal()
        {
            while (true)
            {
                var state = Volatile.Read(ref _state);
                if (state == Waiting)
                {
                    if (Interlocked.CompareExchange(ref _state, Idle, Waiting) == Waiting)
                    {
                        if (reads)
                        {
                            owner.CompleteRead(this);
                        }
                        else
                        {
                            Succeed(0);
                        }

                        return;
                    }
                }
                else if (state == Idle)
                {
                    if (Interlocked.CompareExchange(ref _state, Ready, Idle) == Idle)
                    {
                        return;
                    }
                }
                else
                {
                    return;
                }
            }
        }

        public void Rearm()
        {
            Volatile.Write(ref _state, Waiting);

            // A cancellation that came while the state was idle found nothing to cancel.
            if (_token.IsCancellationRequested)
            {
                Cancel();
            }
        }

        public void Succeed(int result)
        {
            _cancellation.Unregister();
            _core.SetResult(result);
        }

        public void Fail(Exception error)
        {
            _cancellation.Unregister();
            _core.SetException(error);
        }

        public void Abandon()
        {
            if (Interlocked.CompareExchange(ref _state, Idle, Waiting) == Waiting)
            {
                Fail(new ObjectDisposedException(nameof(LoopSocket)));
            }
        }

        public int GetResult(short token) => _core.GetResult(token);

        void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

        public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _core.OnCompleted(continuation, state, token, flags);

        private void Cancel()
        {
            if (Interlocked.CompareExchange(ref _state, Idle, Waiting) == Waiting)
            {
                Buffer = default;
                _core.SetException(new OperationCanceledException());
            }
        }
    }
}
