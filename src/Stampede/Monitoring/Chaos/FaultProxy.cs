using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Stampede.Plans.Monitoring;

namespace Stampede.Monitoring.Chaos;

/// <summary>
/// A TCP proxy between the VUs and the target, listening on 127.0.0.1, that degrades traffic on demand
/// (<see cref="Apply"/>): latency and jitter, a bandwidth cap, connection resets, a black hole. With no conditions it
/// forwards bytes untouched. Each connection has a reader and a writer per direction joined by a queue, so a delay
/// holds each chunk until its due time without adding up across chunks.
/// </summary>
internal sealed class FaultProxy : IAsyncDisposable
{
    private const int BufferSize = 16 * 1024;
    private readonly string _upstreamHost;
    private readonly int _upstreamPort;
    private readonly TimeProvider _time;
    private readonly TcpListener _listener;
    private readonly ConcurrentDictionary<Connection, byte> _connections = new();
    private readonly CancellationTokenSource _stop = new();
    private ProxyConditions _conditions = ProxyConditions.None;
    private int _seed;
    private Task? _accepting;

    public FaultProxy(string upstreamHost, int upstreamPort, TimeProvider time, int listenPort = 0)
    {
        _upstreamHost = upstreamHost;
        _upstreamPort = upstreamPort;
        _time = time;
        _listener = new TcpListener(IPAddress.Loopback, listenPort);
    }

    /// <summary>Where the proxy listens (valid after <see cref="Start"/>).</summary>
    public IPEndPoint Endpoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>The conditions now in force.</summary>
    public ProxyConditions Conditions => Volatile.Read(ref _conditions);

    /// <summary>Connections accepted so far.</summary>
    public int Accepted { get; private set; }

    public void Start()
    {
        _listener.Start();
        _accepting = AcceptAsync(_stop.Token);
    }

    /// <summary>Puts <paramref name="conditions"/> in force; with <see cref="ProxyConditions.Reset"/> every open connection is reset at once.</summary>
    public void Apply(ProxyConditions conditions)
    {
        Volatile.Write(ref _conditions, conditions);
        if (conditions.Reset)
        {
            foreach (var connection in _connections.Keys)
            {
                connection.Reset();
            }
        }
    }

    /// <summary>Back to forwarding untouched.</summary>
    public void Clear() => Apply(ProxyConditions.None);

    private async Task AcceptAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(stop).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Accepted++;
            client.NoDelay = true;
            if (Conditions.Reset)
            {
                ResetSocket(client);
                continue;
            }

            _ = ServeAsync(client, stop);
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken stop)
    {
        var upstream = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await upstream.ConnectAsync(_upstreamHost, _upstreamPort, stop).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException)
        {
            // The target is down: the client sees what it would see without the proxy, a refused (reset) connection.
            upstream.Dispose();
            ResetSocket(client);
            return;
        }

        var connection = new Connection(client, upstream);
        _connections.TryAdd(connection, 0);
        var random = new Random(Interlocked.Increment(ref _seed));
        try
        {
            await Task.WhenAll(
                PipeAsync(client, upstream, delayed: false, random, connection.Token),
                PipeAsync(upstream, client, delayed: true, random, connection.Token)).ConfigureAwait(false);
        }
        finally
        {
            _connections.TryRemove(connection, out _);
            connection.Dispose();
        }
    }

    private async Task PipeAsync(Socket from, Socket to, bool delayed, Random random, CancellationToken token)
    {
        var queue = Channel.CreateUnbounded<(byte[] Data, int Length, long Due)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var writer = WriteAsync(queue.Reader, to, token);
        try
        {
            while (true)
            {
                var buffer = new byte[BufferSize];
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                var conditions = Conditions;
                if (conditions.Blackhole)
                {
                    continue;
                }

                var delay = delayed ? conditions.Latency + random.NextDouble() * conditions.Jitter : TimeSpan.Zero;
                queue.Writer.TryWrite((buffer, read, _time.GetTimestamp() + (long)(delay.TotalSeconds * _time.TimestampFrequency)));
            }
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // reset or stopped
        }

        queue.Writer.TryComplete();
        await writer.ConfigureAwait(false);
    }

    private async Task WriteAsync(ChannelReader<(byte[] Data, int Length, long Due)> queue, Socket to, CancellationToken token)
    {
        try
        {
            await foreach (var (data, length, due) in queue.ReadAllAsync(token).ConfigureAwait(false))
            {
                var wait = _time.GetElapsedTime(_time.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, token).ConfigureAwait(false);
                }

                await to.SendAsync(data.AsMemory(0, length), SocketFlags.None, token).ConfigureAwait(false);
                if (Conditions.BandwidthBytesPerSecond is > 0 and var bandwidth)
                {
                    await Task.Delay(TimeSpan.FromSeconds((double)length / bandwidth), _time, token).ConfigureAwait(false);
                }
            }

            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // reset or stopped
        }
    }

    private static void ResetSocket(Socket socket)
    {
        try
        {
            // Linger 0 turns the close into a TCP RST, which is what a crashed or unplugged peer looks like.
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (SocketException)
        {
            // already gone
        }

        socket.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        if (_accepting is not null)
        {
            await _accepting.ConfigureAwait(false);
        }

        foreach (var connection in _connections.Keys)
        {
            connection.Dispose();
        }

        _stop.Dispose();
    }

    private sealed class Connection(Socket client, Socket upstream) : IDisposable
    {
        private readonly CancellationTokenSource _closed = new();
        private int _disposed;

        public CancellationToken Token => _closed.Token;

        public void Reset()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                ResetSocket(client);
                ResetSocket(upstream);
                _closed.Cancel();
                _closed.Dispose();
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _closed.Cancel();
                client.Dispose();
                upstream.Dispose();
                _closed.Dispose();
            }
        }
    }
}
