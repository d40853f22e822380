using System.Text;
using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Modules;
using Stampede.K6.Runtime;
using Stampede.Protocols.WebSockets;

namespace Stampede.K6.Modules;

/// <summary>
/// <c>k6/experimental/websockets</c>: <c>WebSocket</c> and <c>Blob</c>. The classes are JavaScript
/// (<c>WebSocketsModule.js</c>, parsed once and evaluated in each VU's engine) over native functions bound to the VU:
/// <c>connect</c> opens a <see cref="BrowserSocket"/> on the VU's event loop.
/// </summary>
internal static class WebSocketsModule
{
    private static readonly Prepared<Acornima.Ast.Script> Classes = Engine.PrepareScript(ReadClasses(), "k6/experimental/websockets");

    public static void Build(VuScope scope, ModuleBuilder module)
    {
        var engine = scope.Engine;
        var exports = (ObjectInstance)Js.Call(engine, engine.Evaluate(Classes), Native(scope));
        var all = Js.Object(engine);
        foreach (var name in new[] { "WebSocket", "Blob" })
        {
            var value = exports.Get(name);
            all.Put(name, value);
            module.ExportValue(name, value);
        }

        module.ExportValue("default", all);
    }

    private static JsObject Native(VuScope scope)
    {
        var engine = scope.Engine;
        var native = Js.Object(engine);
        native.Put("connect", Js.Function(engine, "connect", (_, args) => Connect(scope, args), 4));
        native.Put("encode", Js.Function(engine, "encode", (_, args) =>
            engine.Intrinsics.ArrayBuffer.Construct(Encoding.UTF8.GetBytes(TypeConverter.ToString(args.Arg(0)))), 1));
        native.Put("decode", Js.Function(engine, "decode", (_, args) =>
            new JsString(Encoding.UTF8.GetString(args.Arg(0).AsArrayBuffer() ?? [])), 1));
        return native;
    }

    private static JsValue Connect(VuScope scope, JsValue[] args)
    {
        var engine = scope.Engine;
        var vu = scope.Require("new WebSocket()");
        var url = TypeConverter.ToString(args.Arg(0));
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw Js.TypeError(engine, $"WebSocket requires a valid url, but got \"{url}\"");
        }

        if (uri.Scheme is not ("ws" or "wss"))
        {
            throw Js.TypeError(engine, $"WebSocket requires url with scheme ws or wss, but got \"{uri.Scheme}\"");
        }

        if (uri.Fragment.Length > 0)
        {
            throw Js.TypeError(engine, $"WebSocket requires no url fragment, but got \"{uri.Fragment.TrimStart('#')}\"");
        }

        var protocols = args.Arg(1) is ObjectInstance list ? Js.Properties(list).Select(p => TypeConverter.ToString(p.Value)).ToList() : [];
        var headers = new List<KeyValuePair<string, string>>();
        RequestTags tags = default;
        if (args.Arg(2) is ObjectInstance parameters)
        {
            headers.AddRange(Js.Properties(parameters.Get("headers")).Select(h => KeyValuePair.Create(h.Key, TypeConverter.ToString(h.Value))));
            tags = RequestTags.Read(parameters.Get("tags"));
        }

        if (args.Arg(3) is not Function emit)
        {
            throw Js.TypeError(engine, "WebSocket: internal error, no event sink");
        }

        var options = new WsConnectOptions(url)
        {
            Headers = headers.Count == 0 ? null : headers,
            SubProtocols = protocols.Count == 0 ? null : protocols,
            Name = tags.Name,
        };
        var socket = new BrowserSocket(scope, vu, emit);
        try
        {
            socket.Start(options, tags.Own is null ? null : tags.On(vu.Tags));
        }
        catch (ArgumentException exception)
        {
            throw Js.Error(engine, $"new WebSocket(): {exception.Message}");
        }

        return Handle(engine, socket);
    }

    private static JsObject Handle(Engine engine, BrowserSocket socket)
    {
        var handle = Js.Object(engine);
        handle.Put("send", Js.Function(engine, "send", (_, args) =>
        {
            if (args.Arg(0).IsArrayBuffer())
            {
                socket.Send(args.Arg(0).AsArrayBuffer()!);
            }
            else
            {
                socket.Send(TypeConverter.ToString(args.Arg(0)));
            }

            return JsValue.Undefined;
        }, 1));
        handle.Put("ping", Js.Function(engine, "ping", (_, _) =>
        {
            socket.Ping();
            return JsValue.Undefined;
        }));
        handle.Put("close", Js.Function(engine, "close", (_, args) =>
        {
            socket.Close((int)TypeConverter.ToNumber(args.Arg(0)), TypeConverter.ToString(args.Arg(1)));
            return JsValue.Undefined;
        }, 2));
        return handle;
    }

    private static string ReadClasses()
    {
        using var stream = typeof(WebSocketsModule).Assembly.GetManifestResourceStream("Stampede.K6.Modules.WebSocketsModule.js")
            ?? throw new InvalidOperationException("the embedded WebSocketsModule.js is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
