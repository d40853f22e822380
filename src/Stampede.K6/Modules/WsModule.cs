using System.Net.WebSockets;
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
/// record the same <c>ws_*</c> metrics as a YAML or C# plan's. Each connect runs a <see cref="VuEventLoop"/> of its
/// own on the VU's thread until the socket closes; <c>ping()</c> sends a protocol ping and <c>'ping'</c>/<c>'pong'</c>
/// fire from the frames the session sees below ClientWebSocket.
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

        new ConnectLoop(scope, vu, session).Run(callback);
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

    /// <summary>
    /// One <c>ws.connect</c>: its socket object and handlers, on an event loop of its own that runs until the socket
    /// closes (k6's <c>connect</c> blocks until then; the VU's own timers wait for it). A background task receives
    /// messages and posts them to the loop; everything else runs on the VU's thread.
    /// </summary>
    private sealed class ConnectLoop(VuScope scope, VuContext vu, WsSession session)
    {
        private readonly VuEventLoop _loop = new(scope.Engine);
        private readonly EventHandlers _handlers = new();
        private bool _closed;
        private int _closeCode = (int)WebSocketCloseStatus.NormalClosure;

        public void Run(JsValue callback)
        {
            var engine = scope.Engine;
            var hold = _loop.Hold(() => { });
            try
            {
                Js.Call(engine, callback, Socket());
                if (!_closed)
                {
                    Emit("open");
                }

                session.ControlFrameReceived = frame => _loop.Post(() =>
                {
                    if (!_closed)
                    {
                        Emit(frame.IsPing ? "ping" : "pong", new JsString(System.Text.Encoding.UTF8.GetString(frame.Payload)));
                    }
                });
                _ = Task.Run(ReceiveAsync);
                _loop.Run(vu.Time, vu.CancellationToken, until: () => _closed);
            }
            finally
            {
                hold.Release();
                _loop.Stop();
                // Closing aborts the socket, which ends the receive task (it catches its own errors).
                Blocking.Wait(session.CloseAsync());
            }
        }

        private async Task ReceiveAsync()
        {
            while (await session.ReceiveAsync().ConfigureAwait(false) is { } message)
            {
                _loop.Post(() => Received(message));
            }

            _loop.Post(() =>
            {
                _closeCode = (int)(session.CloseStatus ?? WebSocketCloseStatus.NormalClosure);
                Close();
            });
        }

        private void Received(WsMessage message)
        {
            if (_closed)
            {
                return;   // read just as the script closed the socket: counted by the session, never dispatched
            }

            if (message.Type == WebSocketMessageType.Binary)
            {
                Emit("binaryMessage", scope.Engine.Intrinsics.ArrayBuffer.Construct(message.Bytes.ToArray()));
            }
            else
            {
                Emit("message", new JsString(message.Text));
            }
        }

        private void Close()
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            Blocking.Wait(session.CloseAsync((WebSocketCloseStatus)_closeCode));
            Emit("close", JsNumber.Create(_closeCode));
        }

        private void Emit(string name, params JsValue[] args) => _handlers.Emit(scope.Engine, name, args);

        private JsObject Socket()
        {
            var engine = scope.Engine;
            var socket = Js.Object(engine);
            socket.Put("on", Js.Function(engine, "on", (_, args) =>
            {
                var name = TypeConverter.ToString(args.Arg(0));
                if (args.Arg(1) is not Function handler)
                {
                    throw Js.TypeError(engine, $"socket.on('{name}', handler): handler must be a function");
                }

                _handlers.Add(name, handler);
                return JsValue.Undefined;
            }, 2));
            socket.Put("send", Js.Function(engine, "send", (_, args) =>
            {
                if (!_closed)
                {
                    Blocking.Wait(session.SendTextAsync(TypeConverter.ToString(args.Arg(0))));
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
                    Blocking.Wait(session.SendBinaryAsync(args.Arg(0).AsArrayBuffer()!));
                }

                return JsValue.Undefined;
            }, 1));
            socket.Put("ping", Js.Function(engine, "ping", (_, _) =>
            {
                if (!_closed)
                {
                    Blocking.Wait(session.SendPingFrameAsync());
                }

                return JsValue.Undefined;
            }));
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

            _loop.SetTimer(() => Js.Call(engine, callback), TimeSpan.FromMilliseconds(ms), repeat, vu.Time);
            return JsValue.Undefined;
        }
    }
}
