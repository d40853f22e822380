using Jint;
using System.Text;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Modules;
using Stampede.K6.Runtime;
using Stampede.Metrics;
using Stampede.Protocols.Http;

namespace Stampede.K6.Modules;

/// <summary>
/// <c>k6/http</c> on the VU's Stampede HTTP client, so a script's requests are timed and recorded by the same code
/// as a YAML or C# plan's (same metrics, same breakdown).
/// </summary>
internal static class HttpModule
{
    private const string ExpectedStatusesMarker = "__stampede_expected";

    public static void Build(VuScope scope, ModuleBuilder module)
    {
        var engine = scope.Engine;
        var exports = Js.Object(engine);
        void Export(string name, Func<JsValue[], JsValue> body, int length)
        {
            var function = Js.Function(engine, name, (_, args) => body(args), length);
            exports.Put(name, function);
            module.ExportValue(name, function);
        }

        Export("get", args => Request(scope, "GET", args.Arg(0), JsValue.Undefined, args.Arg(1)), 2);
        Export("head", args => Request(scope, "HEAD", args.Arg(0), JsValue.Undefined, args.Arg(1)), 2);
        Export("post", args => Request(scope, "POST", args.Arg(0), args.Arg(1), args.Arg(2)), 3);
        Export("put", args => Request(scope, "PUT", args.Arg(0), args.Arg(1), args.Arg(2)), 3);
        Export("patch", args => Request(scope, "PATCH", args.Arg(0), args.Arg(1), args.Arg(2)), 3);
        Export("del", args => Request(scope, "DELETE", args.Arg(0), args.Arg(1), args.Arg(2)), 3);
        Export("options", args => Request(scope, "OPTIONS", args.Arg(0), args.Arg(1), args.Arg(2)), 3);
        Export("request", args => Request(scope, TypeConverter.ToString(args.Arg(0)).ToUpperInvariant(), args.Arg(1), args.Arg(2), args.Arg(3)), 4);
        Export("batch", args => Batch(scope, args.Arg(0)), 1);
        Export("expectedStatuses", args => ExpectedStatusesValue(scope, args), 1);
        Export("setResponseCallback", args =>
        {
            scope.ResponseCallback = ReadExpected(args.Arg(0));
            return JsValue.Undefined;
        }, 1);
        Export("url", args => TaggedUrl(scope, args), 1);
        Export("cookieJar", _ => CookieJar(scope), 0);
        module.ExportValue("default", exports);
    }

    private static JsValue Request(VuScope scope, string method, JsValue url, JsValue body, JsValue parameters)
    {
        var vu = scope.Require($"http.{method.ToLowerInvariant()}()");
        var (spec, tags) = Spec(scope, method, url, body, parameters);
        var response = Send(vu, spec, tags);
        return ResponseObject.Create(scope, response, spec);
    }

    private static HttpResponse Send(Execution.VuContext vu, HttpRequestSpec spec, TagSet? tags)
    {
        if (tags is null)
        {
            return Blocking.Wait(vu.Http.SendAsync(spec));
        }

        var previous = vu.SwapTags(tags);
        try
        {
            return Blocking.Wait(vu.Http.SendAsync(spec));
        }
        finally
        {
            vu.SwapTags(previous);
        }
    }

    private static (HttpRequestSpec Spec, TagSet? Tags) Spec(VuScope scope, string method, JsValue urlValue, JsValue body, JsValue parameters)
    {
        var engine = scope.Engine;
        string url;
        string? name = null;
        if (urlValue is ObjectInstance tagged && tagged.Get("__stampede_url") is JsString taggedUrl)
        {
            url = taggedUrl.ToString();
            name = TypeConverter.ToString(tagged.Get("name"));
        }
        else
        {
            url = TypeConverter.ToString(urlValue);
        }

        var headers = new List<KeyValuePair<string, string>>();
        string? contentType = null;
        TagSet? tags = null;
        TimeSpan? timeout = null;
        ResponseBodyMode? bodyMode = scope.Script.Requests.DiscardResponseBodies ? ResponseBodyMode.Discard : null;
        var expected = scope.ResponseCallback;
        if (parameters is ObjectInstance p)
        {
            foreach (var (key, value) in Js.Properties(p.Get("headers")))
            {
                var text = TypeConverter.ToString(value);
                headers.Add(KeyValuePair.Create(key, text));
                if (key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    contentType = text;
                }
            }

            var tagPairs = Js.Properties(p.Get("tags")).Select(t => KeyValuePair.Create(t.Key, TypeConverter.ToString(t.Value))).ToList();
            if (tagPairs.Count > 0)
            {
                name = tagPairs.FirstOrDefault(t => t.Key == "name").Value ?? name;
                var own = tagPairs.Where(t => t.Key != "name").ToList();
                if (own.Count > 0)
                {
                    tags = scope.Vu!.Tags.With(TagSet.From(own));
                }
            }

            if (p.Get("timeout") is { } t && !t.IsMissing())
            {
                timeout = t.IsNumber() ? TimeSpan.FromMilliseconds(TypeConverter.ToNumber(t))
                    : Plans.Duration.TryParse(TypeConverter.ToString(t), out var parsed, out _) ? parsed
                    : throw Js.TypeError(engine, $"invalid timeout '{TypeConverter.ToString(t)}': expected milliseconds or a duration such as '10s'");
            }

            bodyMode = Js.StringOrNull(p.Get("responseType")) switch
            {
                "none" => ResponseBodyMode.Discard,
                "text" or "binary" => ResponseBodyMode.Keep,
                _ => bodyMode,
            };
            if (!p.Get("responseCallback").IsUndefined())
            {
                expected = ReadExpected(p.Get("responseCallback"));
            }
        }

        if (scope.Script.Requests.UserAgent is { } agent && !headers.Any(h => h.Key.Equals("User-Agent", StringComparison.OrdinalIgnoreCase)))
        {
            headers.Add(KeyValuePair.Create("User-Agent", agent));
        }

        return (new HttpRequestSpec(new HttpMethod(method), url)
        {
            Headers = headers.Count == 0 ? null : headers,
            Body = Body(engine, body, contentType),
            Timeout = timeout,
            ResponseBody = bodyMode,
            Name = name,
            ExpectedStatuses = expected,
        }, tags);
    }

    private static HttpBody? Body(Jint.Engine engine, JsValue body, string? contentType)
    {
        if (body.IsMissing())
        {
            return null;
        }

        if (body.IsArrayBuffer())
        {
            return HttpBody.Raw(body.AsArrayBuffer()!, contentType ?? "application/octet-stream");
        }

        if (body is ObjectInstance form)
        {
            // k6 sends an object as a URL-encoded form.
            return HttpBody.Form(Js.Properties(form).Select(f => KeyValuePair.Create(f.Key, TypeConverter.ToString(f.Value))));
        }

        return HttpBody.Raw(TypeConverter.ToString(body), contentType ?? "text/plain; charset=utf-8");
    }

    private static JsValue Batch(VuScope scope, JsValue requests)
    {
        var vu = scope.Require("http.batch()");
        var engine = scope.Engine;
        var items = new List<(string Key, JsValue Request)>();
        if (requests is JsArray array)
        {
            for (uint i = 0; i < array.Length; i++)
            {
                items.Add((i.ToString(System.Globalization.CultureInfo.InvariantCulture), array.Get(i)));
            }
        }
        else
        {
            items.AddRange(Js.Properties(requests));
        }

        var specs = items.Select(item => (item.Key, Request: BatchItem(scope, item.Request))).ToList();
        var tasks = specs.Select(s => vu.Http.SendAsync(s.Request.Spec)).ToArray();
        Blocking.Wait(Task.WhenAll(tasks));
        var responses = specs.Select((s, i) => (s.Key, Value: (JsValue)ResponseObject.Create(scope, tasks[i].Result, s.Request.Spec))).ToList();
        if (requests is JsArray)
        {
            return new JsArray(engine, [.. responses.Select(r => r.Value)]);
        }

        var result = Js.Object(engine);
        foreach (var (key, value) in responses)
        {
            result.Put(key, value);
        }

        return result;
    }

    private static (HttpRequestSpec Spec, TagSet? Tags) BatchItem(VuScope scope, JsValue request)
    {
        if (request.IsString() || (request is ObjectInstance o && o.Get("__stampede_url") is JsString))
        {
            return Spec(scope, "GET", request, JsValue.Undefined, JsValue.Undefined);
        }

        if (request is JsArray parts)
        {
            return Spec(scope, TypeConverter.ToString(parts.Get(0)).ToUpperInvariant(), parts.Get(1), parts.Get(2), parts.Get(3));
        }

        var item = (ObjectInstance)request;
        var method = Js.StringOrNull(item.Get("method"))?.ToUpperInvariant() ?? "GET";
        return Spec(scope, method, item.Get("url"), item.Get("body"), item.Get("params"));
    }

    private static JsValue ExpectedStatusesValue(VuScope scope, JsValue[] args)
    {
        var ranges = new List<(int, int)>();
        foreach (var arg in args)
        {
            if (arg is ObjectInstance range)
            {
                ranges.Add(((int)TypeConverter.ToNumber(range.Get("min")), (int)TypeConverter.ToNumber(range.Get("max"))));
            }
            else
            {
                var status = (int)TypeConverter.ToNumber(arg);
                ranges.Add((status, status));
            }
        }

        var value = Js.Object(scope.Engine);
        value.Put(ExpectedStatusesMarker, Js.Stringify(scope.Engine, new JsArray(scope.Engine, [.. ranges.Select(r => (JsValue)new JsArray(scope.Engine, [r.Item1, r.Item2]))])));
        return value;
    }

    private static ExpectedStatuses? ReadExpected(JsValue callback)
    {
        if (callback.IsNull())
        {
            // k6: setResponseCallback(null) marks no status as failed.
            return ExpectedStatuses.Range(0, 999);
        }

        if (callback is ObjectInstance o && o.Get(ExpectedStatusesMarker) is JsString json)
        {
            var ranges = System.Text.Json.JsonDocument.Parse(json.ToString()).RootElement.EnumerateArray()
                .Select(r => ExpectedStatuses.Range(r[0].GetInt32(), r[1].GetInt32())).ToList();
            return ranges.Skip(1).Aggregate(ranges[0], (all, next) => all.Or(next));
        }

        return null;
    }

    /// <summary>k6's <c>http.url`…${x}…`</c>: the URL with its values, named by the template with <c>${}</c> for each value.</summary>
    private static JsValue TaggedUrl(VuScope scope, JsValue[] args)
    {
        var strings = (ObjectInstance)args.Arg(0);
        var count = (int)TypeConverter.ToNumber(strings.Get("length"));
        var url = new StringBuilder();
        var name = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var part = TypeConverter.ToString(strings.Get(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            url.Append(part);
            name.Append(part);
            if (i + 1 < count)
            {
                url.Append(TypeConverter.ToString(args.Arg(i + 1)));
                name.Append("${}");
            }
        }

        var value = Js.Object(scope.Engine);
        value.Put("__stampede_url", url.ToString());
        value.Put("name", name.ToString());
        value.Put("url", url.ToString());
        value.Put("toString", Js.Function(scope.Engine, "toString", (_, _) => new JsString(url.ToString())));
        return value;
    }

    private static JsValue CookieJar(VuScope scope)
    {
        var engine = scope.Engine;
        var jar = Js.Object(engine);
        jar.Put("set", Js.Function(engine, "set", (_, args) =>
        {
            var cookies = scope.Require("cookieJar().set()").Http.Cookies;
            cookies?.Add(new Uri(TypeConverter.ToString(args.Arg(0))), new System.Net.Cookie(TypeConverter.ToString(args.Arg(1)), TypeConverter.ToString(args.Arg(2))));
            return JsValue.Undefined;
        }, 3));
        jar.Put("cookiesForURL", Js.Function(engine, "cookiesForURL", (_, args) =>
        {
            var result = Js.Object(engine);
            var cookies = scope.Require("cookieJar().cookiesForURL()").Http.Cookies;
            foreach (System.Net.Cookie cookie in cookies?.GetCookies(new Uri(TypeConverter.ToString(args.Arg(0)))) ?? [])
            {
                result.Put(cookie.Name, new JsArray(engine, [new JsString(cookie.Value)]));
            }

            return result;
        }, 1));
        jar.Put("clear", Js.Function(engine, "clear", (_, args) =>
        {
            var cookies = scope.Require("cookieJar().clear()").Http.Cookies;
            foreach (System.Net.Cookie cookie in cookies?.GetCookies(new Uri(TypeConverter.ToString(args.Arg(0)))) ?? [])
            {
                cookie.Expired = true;
            }

            return JsValue.Undefined;
        }, 1));
        return jar;
    }
}
