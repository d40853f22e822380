using System.Net.WebSockets;
using Jint.Native;
using Stampede.Execution;
using Stampede.K6.Runtime;
using Stampede.Metrics;
using Stampede.Protocols.WebSockets;

namespace Stampede.K6.Modules;

/// <summary>
/// The native half of one <c>k6/experimental/websockets</c> WebSocket: it connects in the background and hands
/// every event to the script's object through the VU's event loop, holding the loop (and so the iteration) open
/// until the close event has been dispatched. The session records the <c>ws_*</c> metrics as every other socket's.
/// Everything here runs on the VU's thread except the connect and receive tasks, which only post to the loop.
/// </summary>
internal sealed class BrowserSocket
{
    private const int AbnormalClosure = 1006;

    private readonly VuScope _scope;
    private readonly VuContext _vu;
    private readonly JsValue _emit;
    private VuEventLoop.LoopHold? _hold;
    private Task<WsHandshake>? _connecting;
    private WsSession? _session;
    private (int Code, string Reason)? _closeRequested;
    private bool _closing;
    private bool _closeDispatched;
    private bool _abandoned;

    public BrowserSocket(VuScope scope, VuContext vu, JsValue emit)
    {
        _scope = scope;
        _vu = vu;
        _emit = emit;
    }

    public void Start(WsConnectOptions options, TagSet? tags)
    {
        var loop = _scope.Loop;
        _hold = loop.Hold(Abandon);
        // The VU's tags (and the socket's own) are read when the connect starts, on this thread.
        _connecting = Tagged.Run(_vu, tags, () => _vu.Ws.ConnectWithDetailsAsync(options, details: false));
        _connecting.ContinueWith(t => loop.Post(() => Connected(t)), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public void Send(string text) => Blocking.Wait(_session!.SendTextAsync(text));

    public void Send(byte[] bytes) => Blocking.Wait(_session!.SendBinaryAsync(bytes));

    public void Ping() => Blocking.Wait(_session!.SendPingFrameAsync());

    public void Close(int code, string reason)
    {
        if (_session is not { } session)
        {
            _closeRequested = (code, reason);   // still connecting: closed as soon as it opens
            return;
        }

        _closing = true;
        var loop = _scope.Loop;
        session.CloseAsync((WebSocketCloseStatus)code, reason.Length == 0 ? null : reason)
            .ContinueWith(_ => loop.Post(() => Closed(code, reason)), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void Connected(Task<WsHandshake> connecting)
    {
        if (_abandoned)
        {
            return;
        }

        var handshake = connecting.IsCompletedSuccessfully ? connecting.Result : null;
        if (handshake?.Session is not { } session)
        {
            Emit("error", ("error", new JsString(handshake?.Error ?? connecting.Exception?.GetBaseException().Message ?? "connection failed")));
            Closed(AbnormalClosure, "");
            return;
        }

        _session = session;
        var loop = _scope.Loop;
        session.ControlFrameReceived = frame => loop.Post(() =>
        {
            if (!_abandoned && !_closeDispatched)
            {
                Emit(frame.IsPing ? "ping" : "pong", ("data", new JsString(System.Text.Encoding.UTF8.GetString(frame.Payload))));
            }
        });
        _ = Task.Run(ReceiveAsync);
        if (_closeRequested is { } close)
        {
            Close(close.Code, close.Reason);
            return;
        }

        Emit("open", ("protocol", new JsString(session.SubProtocol)));
    }

    private async Task ReceiveAsync()
    {
        var session = _session!;
        var loop = _scope.Loop;
        while (await session.ReceiveAsync().ConfigureAwait(false) is { } message)
        {
            loop.Post(() => Received(message));
        }

        loop.Post(PeerClosed);
    }

    private void Received(WsMessage message)
    {
        if (_abandoned || _closeDispatched)
        {
            return;
        }

        var binary = message.Type == WebSocketMessageType.Binary;
        JsValue data = binary ? _scope.Engine.Intrinsics.ArrayBuffer.Construct(message.Bytes.ToArray()) : new JsString(message.Text);
        Emit("message", message.Timestamp, ("data", data), ("binary", binary ? JsBoolean.True : JsBoolean.False));
    }

    /// <summary>The receive ended: the peer closed (its code and reason), the connection broke, or our own close did it.</summary>
    private void PeerClosed()
    {
        // Our own close ends the receive too; its close event, with our code, is on its way.
        if (_abandoned || _closeDispatched || _closing || _session is not { } session)
        {
            return;
        }

        if (session.CloseStatus is not { } status)
        {
            Emit("error", ("error", new JsString("the connection was closed without a close frame")));
            Closed(AbnormalClosure, "");
            return;
        }

        var reason = session.CloseReason;
        var code = (int)status;
        var loop = _scope.Loop;
        session.CloseAsync().ContinueWith(_ => loop.Post(() => Closed(code, reason)), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void Closed(int code, string reason)
    {
        if (_abandoned || _closeDispatched)
        {
            return;
        }

        _closeDispatched = true;
        _hold?.Release();
        Emit("close", ("code", JsNumber.Create(code)), ("reason", new JsString(reason)));
    }

    /// <summary>The iteration ended (or was stopped) with the socket open: close it without calling the script.</summary>
    private void Abandon()
    {
        _abandoned = true;
        if (_session is { } session)
        {
            _ = session.CloseAsync();
        }
        else
        {
            _connecting?.ContinueWith(t =>
            {
                if (t.IsCompletedSuccessfully && t.Result.Session is { } opened)
                {
                    _ = opened.CloseAsync();
                }
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private void Emit(string type, params (string Name, JsValue Value)[] fields) => Emit(type, null, fields);

    private void Emit(string type, long? at, params (string Name, JsValue Value)[] fields)
    {
        var engine = _scope.Engine;
        var init = Js.Object(engine);
        var time = _vu.Time;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        init.Put("timestamp", at is { } stamp ? now - time.GetElapsedTime(stamp).TotalMilliseconds : now);
        foreach (var (name, value) in fields)
        {
            init.Put(name, value);
        }

        Js.Call(engine, _emit, new JsString(type), init);
    }
}
