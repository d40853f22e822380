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
using Stampede.Protocols.Http;
using Stampede.Protocols.Sse;

namespace Stampede.K6.Modules;

/// <summary>
/// <c>k6/x/sse</c>, the API of the community SSE extension: <c>sse.open(url, params, function (client) { … })</c> on the
/// VU's Stampede SSE client, so a script's streams record the same <c>sse_*</c> metrics (first event, gaps, duration)
/// as a YAML or C# plan's, plus the extension's own <c>sse_event</c> counter. The stream is read by the library on the
/// thread pool; the script's handlers run on the VU's thread, which waits on a channel of what the stream delivered.
/// </summary>
internal static class SseModule
{
    /// <summary>The extension's counter of received events, kept so that scripts' thresholds on it still work.</summary>
    private static readonly Metric SseEvent = new("sse_event", MetricKind.Counter);

    public static void Build(VuScope scope, ModuleBuilder module)
    {
        var engine = scope.Engine;
        var counter = scope.Script.DefineMetric(SseEvent);
        var open = Js.Function(engine, "open", (_, args) => Open(scope, counter, args), 3);
        var exports = Js.Object(engine);
        exports.Put("open", open);
        module.ExportValue("open", open);
        module.ExportValue("default", exports);
    }

    private static JsValue Open(VuScope scope, Metric counter, JsValue[] args)
    {
        var engine = scope.Engine;
        var vu = scope.Require("sse.open()");
        var url = TypeConverter.ToString(args.Arg(0));
        var (parameters, callback) = args.Arg(1) is Function f && args.Arg(2).IsMissing() ? (JsValue.Undefined, (JsValue)f) : (args.Arg(1), args.Arg(2));
        if (callback is not Function)
        {
            throw Js.TypeError(engine, "sse.open(url, params, callback): the last argument must be a function");
        }

        var (request, tags) = Request(scope, vu, url, parameters);
        var problems = request.Validate();
        if (problems.Count > 0)
        {
            throw Js.TypeError(engine, $"sse.open(): {string.Join("; ", problems)}");
        }

        var events = vu.Metrics.Counter(counter, (tags ?? vu.Tags).With("name", request.Name ?? url));
        var loop = new EventLoop(scope, vu, events);
        return loop.Run(request, tags, callback, url);
    }

    private static (SseRequest Request, TagSet? Tags) Request(VuScope scope, VuContext vu, string url, JsValue parameters)
    {
        var engine = scope.Engine;
        var headers = new List<KeyValuePair<string, string>>();
        var method = HttpMethod.Get;
        HttpBody? body = null;
        string? name = null;
        TagSet? tags = null;
        TimeSpan? timeout = null;
        if (parameters is ObjectInstance p)
        {
            string? contentType = null;
            foreach (var (key, value) in Js.Properties(p.Get("headers")))
            {
                var text = TypeConverter.ToString(value);
                headers.Add(KeyValuePair.Create(key, text));
                if (key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    contentType = text;
                }
            }

            if (Js.StringOrNull(p.Get("method")) is { } m && m.Trim().Length > 0)
            {
                method = new HttpMethod(m.Trim().ToUpperInvariant());
            }

            if (Js.StringOrNull(p.Get("body")) is { } text2)
            {
                body = HttpBody.Raw(text2, contentType ?? "text/plain; charset=utf-8");
            }

            var requestTags = RequestTags.Read(p.Get("tags"));
            name = requestTags.Name;
            tags = requestTags.On(vu.Tags);

            if (p.Get("timeout") is { } t && !t.IsMissing())
            {
                timeout = t.IsNumber() ? TimeSpan.FromMilliseconds(TypeConverter.ToNumber(t))
                    : Plans.Duration.TryParse(TypeConverter.ToString(t), out var parsed, out _) ? parsed
                    : throw Js.TypeError(engine, $"sse.open(): invalid timeout '{TypeConverter.ToString(t)}': expected a duration such as '30s'");
            }
        }

        if (scope.Script.Requests.UserAgent is { } agent && !headers.Any(h => h.Key.Equals("User-Agent", StringComparison.OrdinalIgnoreCase)))
        {
            headers.Add(KeyValuePair.Create("User-Agent", agent));
        }

        // The extension sends the VU's cookies; the library's SSE client has its own session, so the jar's are added here.
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && vu.Http.Cookies is { Count: > 0 } jar
            && jar.GetCookieHeader(uri) is { Length: > 0 } cookie)
        {
            headers.Add(KeyValuePair.Create("Cookie", cookie));
        }

        return (new SseRequest(url)
        {
            Method = method,
            Body = body,
            Headers = headers.Count == 0 ? null : headers,
            Name = name,

            // The extension reads until the server ends the stream or the script closes it; it has no terminal
            // event, and its timeout bounds the whole request.
            StopOnTerminalEvent = false,
            KeepEvents = false,
            MaxDuration = timeout,
        }, tags);
    }

    /// <summary>One <c>sse.open</c>: the client object the script sees, its handlers, and what the stream delivered so far.</summary>
    private sealed class EventLoop(VuScope scope, VuContext vu, CounterSeries events)
    {
        private readonly Channel<Signal> _signals = Channel.CreateUnbounded<Signal>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        private readonly EventHandlers _handlers = new();
        private readonly CancellationTokenSource _stop = new();
        private HttpResponse? _opened;
        private bool _closed;

        public JsValue Run(SseRequest request, TagSet? tags, JsValue callback, string url)
        {
            var stop = _stop.Token;
            var streaming = request with
            {
                OnOpen = response => _signals.Writer.TryWrite(new Signal(response, default)),
                OnEvent = e =>
                {
                    _signals.Writer.TryWrite(new Signal(null, e));
                    return !stop.IsCancellationRequested;
                },
            };

            // The VU's tags (and the request's own) are read when the stream starts, before its first await.
            var task = Tagged.Run(vu, tags, () => vu.Sse.OpenAsync(streaming, stop));
            _ = task.ContinueWith(_ => _signals.Writer.TryComplete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            try
            {
                Drain(callback);
            }
            finally
            {
                _stop.Cancel();
                Blocking.Wait(Task.WhenAny(task));
            }

            var result = Blocking.Wait(task);
            if (_opened is not null && !_closed && result.Error is not (SseErrorKind.None or SseErrorKind.Cancelled))
            {
                Emit("error", Error(result.ErrorMessage ?? SseErrorKinds.Tag(result.Error)));
            }

            return Response(url, result);
        }

        private void Drain(JsValue callback)
        {
            var reader = _signals.Reader;
            while (Blocking.Wait(reader.WaitToReadAsync().AsTask()))
            {
                while (reader.TryRead(out var signal))
                {
                    if (vu.CancellationToken.IsCancellationRequested)
                    {
                        return;   // the run is stopping: end the stream without calling the script back
                    }

                    if (signal.Opened is { } response)
                    {
                        // As in the extension, the script's function runs once the server answered, then 'open' fires.
                        _opened = response;
                        Js.Call(scope.Engine, callback, Client());
                        if (!_closed)
                        {
                            Emit("open");
                        }
                    }
                    else if (!_closed)
                    {
                        events.Add(1);
                        Emit("event", Event(signal.Event));
                    }
                }
            }
        }

        private JsObject Response(string url, SseResult result)
        {
            var engine = scope.Engine;
            var response = Js.Object(engine);
            response.Put("url", url);
            response.Put("status", result.Status);

            // The extension reports an error here only when no response came; a stream that failed later told the script through 'error'.
            response.Put("error", _opened is null ? result.ErrorMessage ?? "" : "");
            var headers = Js.Object(engine);
            foreach (var (key, value) in _opened?.Headers ?? new Dictionary<string, string>())
            {
                headers.Put(ResponseObject.Canonical(key), value);
            }

            response.Put("headers", headers);
            return response;
        }

        private JsObject Event(in SseEvent e)
        {
            var value = Js.Object(scope.Engine);
            value.Put("id", e.Id);
            value.Put("name", e.Type);
            value.Put("data", e.Data);
            return value;
        }

        private JsObject Error(string message)
        {
            var engine = scope.Engine;
            var error = Js.Object(engine);
            error.Put("message", message);
            error.Put("error", Js.Function(engine, "error", (_, _) => new JsString(message)));
            error.Put("toString", Js.Function(engine, "toString", (_, _) => new JsString(message)));
            return error;
        }

        private void Emit(string name, params JsValue[] args) => _handlers.Emit(scope.Engine, name, args);

        private JsObject Client()
        {
            var engine = scope.Engine;
            var client = Js.Object(engine);
            client.Put("on", Js.Function(engine, "on", (_, args) =>
            {
                var name = TypeConverter.ToString(args.Arg(0));
                if (args.Arg(1) is Function handler)
                {
                    _handlers.Add(name, handler);
                }

                return JsValue.Undefined;
            }, 2));
            client.Put("close", Js.Function(engine, "close", (_, _) =>
            {
                _closed = true;
                if (_opened is not null)
                {
                    _stop.Cancel();
                }
                return JsValue.Undefined;
            }));
            return client;
        }

        /// <summary>What the stream delivered: its response (when the server answered) or one event.</summary>
        private readonly record struct Signal(HttpResponse? Opened, SseEvent Event);
    }
}
