using System.Net.WebSockets;
using System.Threading.Channels;
using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Modules;
using Stampede.Execution;
using Stampede.K6.Runtime;
using Stampede.Metrics;
using Stampede.Protocols.WebSockets;

namespace Stampede.K6.Modules;

/// <summary>
/// <c>k6/ws</c>: <c>connect(url, params, callback)</c> on the VU's Stampede WebSocket client, so a script's sessions
/// record the same <c>ws_*</c> metrics as a YAML or C# plan's. The event loop runs on the VU's thread: a background
/// task receives messages into a channel, and the thread waits on it until the next timer is due.
/// </summary>
internal static class WsModule
{
    public static void Build(VuScope scope, ModuleBuilder module)
    {
        var engine = scope.Engine;
        var connect = Js.Function(engine, "connect", (_, args) => Connect(scope, args), 3);
        var exports = Js.Object(engine);
        exports.Put("connect", connect);
        module.ExportValue("connect", connect);
        module.ExportValue("default", exports);
    }

    private static JsValue Connect(VuScope scope, JsValue[] args)
    {
        var engine = scope.Engine;
        var vu = scope.Require("ws.connect()");
        var url = TypeConverter.ToString(args.Arg(0));
        var (parameters, callback) = args.Arg(1) is Function f && args.Arg(2).IsMissing() ? (JsValue.Undefined, (JsValue)f) : (args.Arg(1), args.Arg(2));
        if (callback is not Function)
        {
            throw Js.TypeError(engine, "ws.connect(url, params, callback): the last argument must be a function");
        }

        var headers = new List<KeyValuePair<string, string>>();
        string? name = null;
        TagSet? tags = null;
        if (parameters is ObjectInstance p)
        {
            headers.AddRange(Js.Properties(p.Get("headers")).Select(h => KeyValuePair.Create(h.Key, TypeConverter.ToString(h.Value))));
            var requestTags = RequestTags.Read(p.Get("tags"));
            name = requestTags.Name;
            tags = requestTags.On(vu.Tags);
        }

        var options = new WsConnectOptions(url) { Headers = headers.Count == 0 ? null : headers, Name = name };
        WsHandshake handshake;
        try
        {
            handshake = Tagged.Run(vu, tags, () => Blocking.Wait(vu.Ws.ConnectWithDetailsAsync(options)));
        }
        catch (ArgumentException exception)
        {
            throw Js.Error(engine, $"ws.connect(): {exception.Message}");
        }

        var response = Response(scope, url, handshake);
        if (handshake.Session is not { } session)
        {
            return response;
        }

        using var loop = new EventLoop(scope, vu, session);
        loop.Run(callback);
        return response;
    }

    private static JsObject Response(VuScope scope, string url, WsHandshake handshake)
    {
        var engine = scope.Engine;
        var response = Js.Object(engine);
        response.Put("status", handshake.Status);
        response.Put("url", url);
        response.Put("body", "");
        response.Put("error", handshake.Error ?? "");
        var headers = Js.Object(engine);
        foreach (var (key, value) in handshake.Headers)
        {
            headers.Put(key, value);
        }

        response.Put("headers", headers);
        return response;
    }

    /// <summary>One <c>ws.connect</c>'s socket object, handlers, timers and event channel. Everything but the receive task runs on the VU's thread.</summary>
    private sealed class EventLoop : IDisposable
    {
        private readonly VuScope _scope;
        private readonly VuContext _vu;
        private readonly WsSession _session;
        private readonly TimeProvider _time;
        private readonly Channel<WsMessage?> _events = Channel.CreateUnbounded<WsMessage?>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        private readonly Dictionary<string, List<JsValue>> _handlers = new(StringComparer.Ordinal);
        private readonly PriorityQueue<Timer, (long Due, long Order)> _timers = new();
        private long _timerOrder;
        private bool _closed;
        private int _closeCode = (int)WebSocketCloseStatus.NormalClosure;

        public EventLoop(VuScope scope, VuContext vu, WsSession session)
        {
            _scope = scope;
            _vu = vu;
            _session = session;
            _time = vu.Time;
        }

        public void Run(JsValue callback)
        {
            var socket = Socket();
            Js.Call(_scope.Engine, callback, socket);
            if (!_closed)
            {
                Emit("open");
            }

            _ = Task.Run(ReceiveAsync);
            var token = _vu.CancellationToken;
            while (!_closed)
            {
                RunDueTimers();
                if (_closed)
                {
                    break;
                }

                if (!_events.Reader.TryRead(out var message) && !Wait(token, out message))
                {
                    if (token.IsCancellationRequested)
                    {
                        break;   // the iteration is being stopped: close without calling the script back
                    }

                    continue;   // a timer is due
                }

                if (message is not { } m)
                {
                    _closeCode = (int)(_session.CloseStatus ?? WebSocketCloseStatus.NormalClosure);
                    Close();
                    break;
                }

                if (m.Type == WebSocketMessageType.Binary)
                {
                    Emit("binaryMessage", _scope.Engine.Intrinsics.ArrayBuffer.Construct(m.Bytes.ToArray()));
                }
                else
                {
                    Emit("message", new JsString(m.Text));
                }
            }
        }

        public void Dispose()
        {
            // Closing aborts the socket, which ends the receive task (it catches its own errors).
            Blocking.Wait(_session.CloseAsync());
        }

        /// <summary>Waits for the next message until the next timer is due; false when a timer came first or the VU was stopped.</summary>
        private bool Wait(CancellationToken token, out WsMessage? message)
        {
            message = null;
            using var due = _timers.TryPeek(out _, out var next)
                ? new CancellationTokenSource(Remaining(next.Due), _time)
                : new CancellationTokenSource();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(due.Token, token);
            try
            {
                if (!Blocking.Wait(_events.Reader.WaitToReadAsync(linked.Token).AsTask()))
                {
                    return true;   // completed: the session closed
                }
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            return _events.Reader.TryRead(out message);
        }

        private async Task ReceiveAsync()
        {
            try
            {
                while (await _session.ReceiveAsync().ConfigureAwait(false) is { } message)
                {
                    _events.Writer.TryWrite(message);
                }
            }
            finally
            {
                _events.Writer.TryWrite(null);
                _events.Writer.TryComplete();
            }
        }

        private void RunDueTimers()
        {
            while (!_closed && _timers.TryPeek(out var timer, out var at) && _time.GetTimestamp() >= at.Due)
            {
                _timers.Dequeue();
                if (timer.Interval is { } interval)
                {
                    _timers.Enqueue(timer, (at.Due + interval, _timerOrder++));
                }

                Js.Call(_scope.Engine, timer.Callback);
            }
        }

        private TimeSpan Remaining(long due)
        {
            var left = _time.GetElapsedTime(_time.GetTimestamp(), due);
            return left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1);
        }

        private void Close()
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            Blocking.Wait(_session.CloseAsync((WebSocketCloseStatus)_closeCode));
            Emit("close", JsNumber.Create(_closeCode));
        }

        private void Emit(string name, params JsValue[] args)
        {
            if (_handlers.TryGetValue(name, out var handlers))
            {
                foreach (var handler in handlers.ToArray())
                {
                    Js.Call(_scope.Engine, handler, args);
                }
            }
        }

        private long Ticks(double milliseconds) => (long)(milliseconds / 1000 * _time.TimestampFrequency);

        private JsObject Socket()
        {
            var engine = _scope.Engine;
            var socket = Js.Object(engine);
            socket.Put("on", Js.Function(engine, "on", (_, args) =>
            {
                var name = TypeConverter.ToString(args.Arg(0));
                if (args.Arg(1) is not Function handler)
                {
                    throw Js.TypeError(engine, $"socket.on('{name}', handler): handler must be a function");
                }

                if (!_handlers.TryGetValue(name, out var list))
                {
                    _handlers[name] = list = [];
                }

                list.Add(handler);
                return JsValue.Undefined;
            }, 2));
            socket.Put("send", Js.Function(engine, "send", (_, args) =>
            {
                if (!_closed)
                {
                    Blocking.Wait(_session.SendTextAsync(TypeConverter.ToString(args.Arg(0))));
                }

                return JsValue.Undefined;
            }, 1));
            socket.Put("sendBinary", Js.Function(engine, "sendBinary", (_, args) =>
            {
                if (!args.Arg(0).IsArrayBuffer())
                {
                    throw Js.TypeError(engine, "socket.sendBinary(data): expected an ArrayBuffer");
                }

                if (!_closed)
                {
                    Blocking.Wait(_session.SendBinaryAsync(args.Arg(0).AsArrayBuffer()!));
                }

                return JsValue.Undefined;
            }, 1));
            // ClientWebSocket sends no protocol pings on request and answers the server's itself, so ping() does nothing
            // and 'ping'/'pong' handlers are accepted but never called (see docs/k6-compatibility.md).
            socket.Put("ping", Js.Function(engine, "ping", (_, _) => JsValue.Undefined));
            socket.Put("close", Js.Function(engine, "close", (_, args) =>
            {
                if (!args.Arg(0).IsMissing())
                {
                    _closeCode = (int)TypeConverter.ToNumber(args.Arg(0));
                }

                Close();
                return JsValue.Undefined;
            }, 1));
            socket.Put("setTimeout", Js.Function(engine, "setTimeout", (_, args) => AddTimer(engine, "setTimeout", args, repeat: false), 2));
            socket.Put("setInterval", Js.Function(engine, "setInterval", (_, args) => AddTimer(engine, "setInterval", args, repeat: true), 2));
            return socket;
        }

        private JsValue AddTimer(Jint.Engine engine, string what, JsValue[] args, bool repeat)
        {
            if (args.Arg(0) is not Function callback)
            {
                throw Js.TypeError(engine, $"socket.{what}(callback, ms): callback must be a function");
            }

            var ms = TypeConverter.ToNumber(args.Arg(1));
            if (double.IsNaN(ms) || ms < 0 || (repeat && ms <= 0))
            {
                throw Js.TypeError(engine, $"socket.{what}(callback, ms): ms must be {(repeat ? "greater than 0" : "0 or more")}");
            }

            var ticks = Math.Max(Ticks(ms), repeat ? 1 : 0);
            _timers.Enqueue(new Timer(callback, repeat ? ticks : null), (_time.GetTimestamp() + ticks, _timerOrder++));
            return JsValue.Undefined;
        }

        private sealed record Timer(JsValue Callback, long? Interval);
    }
}
