using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Stampede.Protocols.Http;

/// <summary>
/// The Linux calls behind <see cref="EpollLoop"/> and <see cref="LoopSocket"/>: sockets and epoll, called directly
/// so that a request costs one <c>send</c> and a share of one <c>epoll_wait</c> and <c>recv</c>, like wrk.
/// Constants and layouts are Linux's (the same on x86-64 and arm64, except the packing of <c>epoll_event</c>).
/// </summary>
#pragma warning disable SYSLIB1054, CA5392 // plain blittable calls; the generated marshallers would add nothing
internal static class LinuxSockets
{
    public const int AfInet = 2;
    public const int AfInet6 = 10;
    public const int SockStreamNonBlocking = 1 | 0x800 | 0x80000; // SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC
    public const int IpProtoTcp = 6;
    public const int TcpNoDelay = 1;
    public const int SolSocket = 1;
    public const int SoError = 4;
    public const int MsgNoSignal = 0x4000;

    public const int EpollCloexec = 0x80000;
    public const int EpollCtlAdd = 1;
    public const int EpollCtlDel = 2;
    public const uint EpollIn = 0x001;
    public const uint EpollOut = 0x004;
    public const uint EpollErr = 0x008;
    public const uint EpollHup = 0x010;
    public const uint EpollRdHup = 0x2000;
    public const uint EpollEdgeTriggered = 1u << 31;

    public const int EventFdNonBlocking = 0x800 | 0x80000; // EFD_NONBLOCK | EFD_CLOEXEC
    public const int ClockMonotonic = 1;
    public const int TimerFdNonBlocking = 0x800 | 0x80000; // TFD_NONBLOCK | TFD_CLOEXEC

    public const int EIntr = 4;
    public const int EAgain = 11;
    public const int EInProgress = 115;

    /// <summary>x86-64 packs <c>struct epoll_event</c> to 12 bytes; other architectures align its 64-bit data to 16.</summary>
    public static readonly int EpollEventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    private static readonly int EpollDataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

    /// <summary>Whether this process can use them: Linux, and a libc that answers.</summary>
    public static bool Available()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            var fd = EpollCreate(EpollCloexec);
            if (fd < 0)
            {
                return false;
            }

            _ = Close(fd);
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "socket", SetLastError = true)]
    public static extern int Socket(int domain, int type, int protocol);

    [DllImport("libc", EntryPoint = "connect", SetLastError = true)]
    public static extern int Connect(int fd, ref byte address, int length);

    [DllImport("libc", EntryPoint = "send", SetLastError = true)]
    public static extern nint Send(int fd, ref byte buffer, nint length, int flags);

    [DllImport("libc", EntryPoint = "recv", SetLastError = true)]
    public static extern nint Receive(int fd, ref byte buffer, nint length, int flags);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    public static extern int Close(int fd);

    [DllImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    public static extern int SetOption(int fd, int level, int name, ref int value, int length);

    [DllImport("libc", EntryPoint = "getsockopt", SetLastError = true)]
    public static extern int GetOption(int fd, int level, int name, ref int value, ref int length);

    [DllImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    public static extern int EpollCreate(int flags);

    [DllImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    private static extern int EpollCtl(int epoll, int op, int fd, ref byte evt);

    [DllImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    public static extern int EpollWait(int epoll, ref byte events, int max, int timeoutMs);

    [DllImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    public static extern int EventFd(uint initial, int flags);

    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    public static extern nint Write(int fd, ref ulong value, nint length);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    public static extern nint Read(int fd, ref ulong value, nint length);

    [DllImport("libc", EntryPoint = "timerfd_create", SetLastError = true)]
    public static extern int TimerFdCreate(int clock, int flags);

    [DllImport("libc", EntryPoint = "timerfd_settime", SetLastError = true)]
    private static extern int TimerFdSetTime(int fd, int flags, ref TimerSpec value, IntPtr old);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimerSpec
    {
        public long IntervalSeconds;
        public long IntervalNanoseconds;
        public long ValueSeconds;
        public long ValueNanoseconds;
    }

    /// <summary>Arms a one-shot timer descriptor to expire after <paramref name="nanoseconds"/> (at least 1); 0 disarms it.</summary>
    public static int ArmTimer(int fd, long nanoseconds)
    {
        var spec = new TimerSpec { ValueSeconds = nanoseconds / 1_000_000_000, ValueNanoseconds = nanoseconds % 1_000_000_000 };
        return TimerFdSetTime(fd, 0, ref spec, IntPtr.Zero);
    }

    public static int EpollAdd(int epoll, int fd, uint events, ulong data)
    {
        Span<byte> evt = stackalloc byte[16];
        evt.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(evt, events);
        BinaryPrimitives.WriteUInt64LittleEndian(evt[EpollDataOffset..], data);
        return EpollCtl(epoll, EpollCtlAdd, fd, ref MemoryMarshal.GetReference(evt));
    }

    public static int EpollDelete(int epoll, int fd)
    {
        Span<byte> evt = stackalloc byte[16];
        evt.Clear();
        return EpollCtl(epoll, EpollCtlDel, fd, ref MemoryMarshal.GetReference(evt));
    }

    public static (uint Events, ulong Data) ReadEvent(ReadOnlySpan<byte> events, int index)
    {
        var at = events[(index * EpollEventSize)..];
        return (BinaryPrimitives.ReadUInt32LittleEndian(at), BinaryPrimitives.ReadUInt64LittleEndian(at[EpollDataOffset..]));
    }

    /// <summary>Writes <paramref name="endpoint"/> as a <c>sockaddr_in</c> or <c>sockaddr_in6</c>.</summary>
    /// <returns>Its length.</returns>
    public static int WriteAddress(IPEndPoint endpoint, Span<byte> into)
    {
        into.Clear();
        var v6 = endpoint.AddressFamily == AddressFamily.InterNetworkV6;
        BinaryPrimitives.WriteUInt16LittleEndian(into, (ushort)(v6 ? AfInet6 : AfInet));
        BinaryPrimitives.WriteUInt16BigEndian(into[2..], (ushort)endpoint.Port);
        if (v6)
        {
            endpoint.Address.TryWriteBytes(into[8..24], out _);
            BinaryPrimitives.WriteUInt32LittleEndian(into[24..], (uint)endpoint.Address.ScopeId);
            return 28;
        }

        endpoint.Address.TryWriteBytes(into[4..8], out _);
        return 16;
    }

    /// <summary>What .NET's own sockets would report for <paramref name="errno"/>, so one classifier serves both.</summary>
    public static SocketException Error(int errno) => new((int)(errno switch
    {
        111 => SocketError.ConnectionRefused,
        104 => SocketError.ConnectionReset,
        110 => SocketError.TimedOut,
        113 => SocketError.HostUnreachable,
        101 => SocketError.NetworkUnreachable,
        100 => SocketError.NetworkDown,
        103 => SocketError.ConnectionAborted,
        32 => SocketError.Shutdown,
        99 => SocketError.AddressNotAvailable,
        98 => SocketError.AddressAlreadyInUse,
        24 or 23 => SocketError.TooManyOpenSockets,
        105 or 12 => SocketError.NoBufferSpaceAvailable,
        97 => SocketError.AddressFamilyNotSupported,
        _ => SocketError.SocketError,
    }));
}
#pragma warning restore SYSLIB1054, CA5392
