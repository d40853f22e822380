using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Stampede.Metrics;
using Stampede.Protocols.Http;

namespace Stampede.Protocols.WebSockets;

/// <summary>
/// One open WebSocket session of a VU: send text, binary or JSON; receive with timeouts that do not tear the
/// connection down (a timed-out receive stays pending and delivers its message to the next call); correlate a
/// request with its reply; read streamed replies; ping; close. Records the <c>ws_*</c> metrics.
/// </summary>
public sealed class WsSession : IAsyncDisposable
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    private readonly ClientWebSocket _socket;
    private readonly WsWireStream? _wire;
    private readonly HttpMessageInvoker _invoker;
    private readonly WsMetricsRecorder _recorder;
    private readonly WsMetricsRecorder.SeriesSet _series;
    private readonly TagSet _tags;
    private readonly TimeProvider _time;
    private readonly byte[] _buffer;
    private readonly CancellationTokenSource _lifetime;
    private readonly long _opened;

    // ClientWebSocket allows one send at a time; a plan's interval sends run beside its other actions.
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private Task<WsMessage?>? _pending;
    private int _closed;

    internal WsSession(ClientWebSocket socket, WsWireStream? wire, HttpMessageInvoker invoker, WsMetricsRecorder recorder, TagSet tags, string name, TimeProvider time,
        int bufferSize, TimeSpan? maxDuration, long opened, CancellationToken vuToken)
    {
        _socket = socket;
        _wire = wire;
        _invoker = invoker;
        _recorder = recorder;
        _tags = tags;
        Name = name;
        _series = recorder.For(tags, name);
        _time = time;
        _buffer = new byte[bufferSize];
        _opened = opened;
        _lifetime = CancellationTokenSource.CreateLinkedTokenSource(vuToken);
        if (maxDuration is { } max)
        {
            // Run the timer on the injected clock: a linked source cannot take a TimeProvider.
            _maxDuration = time.CreateTimer(static state => ((WsSession)state!).ExpireAsync(), this, max, Timeout.InfiniteTimeSpan);
        }

        if (wire is not null)
        {
            wire.ControlFrames = OnControlFrame;
        }
    }

    private readonly ITimer? _maxDuration;
    private readonly Dictionary<string, long> _pingsSent = new(StringComparer.Ordinal);
    private int _pingCounter;

    /// <summary>Called on the receiving thread with each ping or pong frame the peer sends (after <c>ws_ping</c> is recorded for a pong).</summary>
    internal Action<WsControlFrame>? ControlFrameReceived { get; set; }

    /// <summary>The sub-protocol the server chose; empty when none.</summary>
    internal string SubProtocol => _socket.SubProtocol ?? "";

    /// <summary>The reason the peer gave with its close frame, once closed.</summary>
    internal string CloseReason => _socket.CloseStatusDescription ?? "";

    /// <summary>The <c>name</c> tag of the session's samples.</summary>
    public string Name { get; }

    /// <summary>The socket's state.</summary>
    public WebSocketState State => _socket.State;

    /// <summary>The close code the peer sent, once closed.</summary>
    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    /// <summary>Sends a text message.</summary>
    public ValueTask SendTextAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    /// <summary>Sends <paramref name="value"/> serialised as JSON (web defaults, camelCase) in a text message.</summary>
    /// <remarks>Uses reflection-based serialisation; under trimming or NativeAOT use <see cref="SendJsonAsync{T}(T, JsonTypeInfo{T})"/>.</remarks>
    [RequiresUnreferencedCode(HttpBody.ReflectionJson)]
    [RequiresDynamicCode(HttpBody.ReflectionJson)]
    public ValueTask SendJsonAsync<T>(T value) => SendAsync(JsonSerializer.SerializeToUtf8Bytes(value, WebJson), WebSocketMessageType.Text);

    /// <summary>Sends <paramref name="value"/> serialised with the given (e.g. source-generated) metadata in a text message.</summary>
    public ValueTask SendJsonAsync<T>(T value, JsonTypeInfo<T> typeInfo) =>
        SendAsync(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), WebSocketMessageType.Text);

    /// <summary>Sends a binary message.</summary>
    public ValueTask SendBinaryAsync(ReadOnlyMemory<byte> bytes) => SendAsync(bytes, WebSocketMessageType.Binary);

    /// <summary>Receives the next message; null when the session closed or nothing came within <paramref name="timeout"/> (default: wait for ever).</summary>
    public async Task<WsMessage?> ReceiveAsync(TimeSpan? timeout = null)
    {
        var pending = _pending ??= ReceiveOneAsync();
        if (timeout is { } limit)
        {
            try
            {
                await pending.WaitAsync(limit, _time).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return null;   // the receive stays pending for the next call
            }
        }

        _pending = null;
        return await pending.ConfigureAwait(false);
    }

    /// <summary>
    /// Sends <paramref name="text"/> and waits for the first message <paramref name="isReply"/> accepts (others are
    /// skipped), recording <c>ws_time_to_first_message</c>. Null on timeout or close.
    /// </summary>
    public async Task<WsMessage?> RequestAsync(string text, Func<WsMessage, bool> isReply, TimeSpan? timeout = null)
    {
        var sent = _time.GetTimestamp();
        await SendTextAsync(text).ConfigureAwait(false);
        var deadline = timeout is { } t ? sent + (long)(t.TotalSeconds * _time.TimestampFrequency) : long.MaxValue;
        while (await ReceiveAsync(Remaining(deadline)).ConfigureAwait(false) is { } message)
        {
            if (isReply(message))
            {
                _series.FirstMessage.Record(_time.GetElapsedTime(sent, message.Timestamp));
                return message;
            }
        }

        _recorder.Error(_tags, Name, _socket.State == WebSocketState.Open ? "timeout" : "closed");
        return null;
    }

    /// <summary>
    /// Sends <paramref name="text"/> and reads the streamed reply until <paramref name="isEnd"/> accepts a message,
    /// recording <c>ws_time_to_first_message</c> and <c>ws_message_gap</c>. Messages <paramref name="belongs"/>
    /// rejects (default: none) are skipped.
    /// </summary>
    public async Task<WsStreamResult> StreamAsync(string text, Func<WsMessage, bool> isEnd, Func<WsMessage, bool>? belongs = null,
        TimeSpan? firstMessageTimeout = null, TimeSpan? idleTimeout = null)
    {
        var result = new WsStreamResult();
        var sent = _time.GetTimestamp();
        await SendTextAsync(text).ConfigureAwait(false);
        long last = 0;
        while (true)
        {
            var first = result.MessageList.Count == 0;
            var message = await ReceiveAsync(first ? firstMessageTimeout ?? idleTimeout : idleTimeout).ConfigureAwait(false);
            if (message is not { } m)
            {
                result.Error = _socket.State != WebSocketState.Open ? "closed" : first ? "first_message_timeout" : "idle_timeout";
                _recorder.Error(_tags, Name, result.Error);
                break;
            }

            if (belongs is not null && !belongs(m))
            {
                continue;
            }

            if (first)
            {
                result.TimeToFirstMessageMs = _time.GetElapsedTime(sent, m.Timestamp).TotalMilliseconds;
                _series.FirstMessage.Record(result.TimeToFirstMessageMs.Value);
            }
            else if (!m.Coalesced && m.Timestamp != last)
            {
                _series.Gap.Record(_time.GetElapsedTime(last, m.Timestamp));
            }

            last = m.Timestamp;
            result.MessageList.Add(m);
            if (isEnd(m))
            {
                result.Completed = true;
                break;
            }
        }

        result.DurationMs = _time.GetElapsedTime(sent).TotalMilliseconds;
        return result;
    }

    /// <summary>
    /// An application-level ping: sends <paramref name="ping"/> and waits for a message <paramref name="isPong"/>
    /// accepts, recording <c>ws_ping</c>. (ClientWebSocket answers protocol pings itself but exposes no round trip.)
    /// Returns the round trip, or null on timeout or close.
    /// </summary>
    public async Task<TimeSpan?> PingAsync(string ping, Func<WsMessage, bool> isPong, TimeSpan? timeout = null)
    {
        var sent = _time.GetTimestamp();
        await SendTextAsync(ping).ConfigureAwait(false);
        var deadline = timeout is { } t ? sent + (long)(t.TotalSeconds * _time.TimestampFrequency) : long.MaxValue;
        while (await ReceiveAsync(Remaining(deadline)).ConfigureAwait(false) is { } message)
        {
            if (isPong(message))
            {
                var rtt = _time.GetElapsedTime(sent, message.Timestamp);
                _series.Ping.Record(rtt);
                return rtt;
            }
        }

        return null;
    }

    /// <summary>
    /// Receives messages and hands each to <paramref name="handler"/> until it returns false, the session closes,
    /// or <paramref name="duration"/> passes. Returns the number of messages handled.
    /// </summary>
    public async Task<int> ListenAsync(Func<WsMessage, bool> handler, TimeSpan? duration = null)
    {
        var deadline = duration is { } d ? _time.GetTimestamp() + (long)(d.TotalSeconds * _time.TimestampFrequency) : long.MaxValue;
        var handled = 0;
        while (await ReceiveAsync(Remaining(deadline)).ConfigureAwait(false) is { } message)
        {
            handled++;
            if (!handler(message))
            {
                break;
            }
        }

        return handled;
    }

    /// <summary>
    /// Sends a protocol ping frame (its payload a counter, as k6's); the pong records <c>ws_ping</c>, the round trip
    /// from the send to the network read that delivered the pong. False when the frame could not be sent.
    /// </summary>
    internal async Task<bool> SendPingFrameAsync()
    {
        if (_wire is null || Volatile.Read(ref _closed) != 0)
        {
            return false;
        }

        string id;
        lock (_pingsSent)
        {
            id = (_pingCounter++).ToString(System.Globalization.CultureInfo.InvariantCulture);
            _pingsSent[id] = _time.GetTimestamp();
        }

        try
        {
            await _wire.SendPingAsync(Encoding.UTF8.GetBytes(id), _lifetime.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException)
        {
            _recorder.Error(_tags, Name, "send");
            return false;
        }
    }

    private void OnControlFrame(WsControlFrame frame)
    {
        if (!frame.IsPing)
        {
            long sent;
            bool ours;
            lock (_pingsSent)
            {
                ours = _pingsSent.Remove(Encoding.UTF8.GetString(frame.Payload), out sent);
            }

            if (ours)
            {
                _series.Ping.Record(_time.GetElapsedTime(sent, frame.Timestamp));
            }
        }

        ControlFrameReceived?.Invoke(frame);
    }

    /// <summary>Closes the session with <paramref name="status"/> and records its duration. Safe to call twice.</summary>
    public async Task CloseAsync(WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure, string? reason = null)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        _maxDuration?.Dispose();

        // Recorded before the close handshake: the session is over for the VU now, and a receive that ends with the
        // peer's close frame must find the duration already there.
        _series.Duration.Record(_time.GetElapsedTime(_opened));
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), _time);
                await _socket.CloseOutputAsync(status, reason, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // the peer is gone already; the duration still counts
        }

        if (_socket.CloseStatus is { } peer && peer is not (WebSocketCloseStatus.NormalClosure or WebSocketCloseStatus.EndpointUnavailable))
        {
            _recorder.Error(_tags, Name, "close_" + ((int)peer).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        _socket.Abort();
        _socket.Dispose();
        _invoker.Dispose();
        _lifetime.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await CloseAsync().ConfigureAwait(false);

    private async ValueTask SendAsync(ReadOnlyMemory<byte> bytes, WebSocketMessageType type)
    {
        try
        {
            await _sendLock.WaitAsync(_lifetime.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
        {
            return;
        }

        try
        {
            await _socket.SendAsync(bytes, type, endOfMessage: true, _lifetime.Token).ConfigureAwait(false);
            _series.Sent.Add(1);
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or ObjectDisposedException)
        {
            _recorder.Error(_tags, Name, "send");
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task<WsMessage?> ReceiveOneAsync()
    {
        byte[]? joined = null;
        var length = 0;
        long first = 0;
        var coalesced = false;
        try
        {
            while (true)
            {
                var readsBefore = _wire?.Reads ?? 0;
                var result = await _socket.ReceiveAsync(_buffer.AsMemory(), _lifetime.Token).ConfigureAwait(false);
                if (first == 0)
                {
                    // The read that made this receive return delivered the message's first bytes; with no read at
                    // all, they had been sitting in ClientWebSocket's buffer since the read that delivered the
                    // message before: coalesced, and stamped with that read.
                    coalesced = _wire is { } wire && wire.Reads == readsBefore && wire.LastReadTimestamp != 0;
                    first = _wire is { LastReadTimestamp: not 0 and var stamped } ? stamped : _time.GetTimestamp();
                }

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                if (result.EndOfMessage && joined is null)
                {
                    return Received(new WsMessage(result.MessageType, _buffer.AsSpan(0, result.Count).ToArray(), first) { Coalesced = coalesced });
                }

                joined ??= ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                if (length + result.Count > joined.Length)
                {
                    var grown = ArrayPool<byte>.Shared.Rent((length + result.Count) * 2);
                    joined.AsSpan(0, length).CopyTo(grown);
                    ArrayPool<byte>.Shared.Return(joined);
                    joined = grown;
                }

                _buffer.AsSpan(0, result.Count).CopyTo(joined.AsSpan(length));
                length += result.Count;
                if (result.EndOfMessage)
                {
                    return Received(new WsMessage(result.MessageType, joined.AsSpan(0, length).ToArray(), first) { Coalesced = coalesced });
                }
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or ObjectDisposedException)
        {
            if (Volatile.Read(ref _closed) == 0)
            {
                _recorder.Error(_tags, Name, "reset");
            }

            return null;
        }
        finally
        {
            if (joined is not null)
            {
                ArrayPool<byte>.Shared.Return(joined);
            }
        }
    }

    private WsMessage Received(WsMessage message)
    {
        _series.Received.Add(1);
        if (message.Coalesced)
        {
            _series.Coalesced.Add(1);
        }

        return message;
    }

    private TimeSpan? Remaining(long deadline)
    {
        if (deadline == long.MaxValue)
        {
            return null;
        }

        var left = _time.GetElapsedTime(_time.GetTimestamp(), deadline);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private async void ExpireAsync()
    {
        try
        {
            await CloseAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // a timer callback has nobody to report to; the session is closed either way
        }
    }
}
