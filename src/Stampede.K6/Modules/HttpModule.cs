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
    public static void Build(VuScope scope, ModuleBuilder module)
    {
        var engine = scope.Engine;
        scope.UsesHttp = true;
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

    // The common untagged request makes no closure.
    private static HttpResponse Send(Execution.VuContext vu, HttpRequestSpec spec, TagSet? tags) =>
        tags is null ? Blocking.Wait(vu.Http.SendAsync(spec)) : Tagged.Run(vu, tags, () => Blocking.Wait(vu.Http.SendAsync(spec)));

    private static (HttpRequestSpec Spec, TagSet? Tags) Spec(VuScope scope, string method, JsValue urlValue, JsValue body, JsValue parameters)
    {
        var engine = scope.Engine;
        string url;
        string? name = null;
        if (urlValue is HostValue<TaggedUrlValue> tagged)
        {
            url = tagged.Value.Url;
            name = tagged.Value.Name;
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
        int? maxRedirects = null;
        List<RequestCookie>? cookies = null;
        string? auth = null;
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

            var requestTags = RequestTags.Read(p.Get("tags"));
            name = requestTags.Name ?? name;
            tags = requestTags.On(scope.Vu!.Tags);

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

            if (p.Get("redirects") is { } r && !r.IsMissing())
            {
                var count = TypeConverter.ToNumber(r);
                maxRedirects = count >= 0 && count == Math.Floor(count) && count <= int.MaxValue ? (int)count
                    : throw Js.TypeError(engine, $"invalid redirects '{TypeConverter.ToString(r)}': expected a whole number, 0 or more");
            }

            cookies = RequestCookies(p.Get("cookies"));
            auth = Js.StringOrNull(p.Get("auth"));
        }

        Authorize(engine, url, auth, headers);

        if (scope.Script.Requests.UserAgent is { } agent && !headers.Any(h => h.Key.Equals("User-Agent", StringComparison.OrdinalIgnoreCase)))
        {
            headers.Add(KeyValuePair.Create("User-Agent", agent));
        }

        return (new HttpRequestSpec(HttpMethod.Parse(method), url)
        {
            Headers = headers.Count == 0 ? null : headers,
            Body = Body(engine, body, contentType),
            Timeout = timeout,
            ResponseBody = bodyMode,
            Name = name,
            ExpectedStatuses = expected,
            MaxRedirects = maxRedirects,
            Cookies = cookies,
        }, tags);
    }

    /// <summary>k6's per-request cookies: <c>{ name: value }</c> or <c>{ name: { value, replace } }</c>.</summary>
    private static List<RequestCookie>? RequestCookies(JsValue cookies)
    {
        List<RequestCookie>? result = null;
        foreach (var (name, value) in Js.Properties(cookies))
        {
            var cookie = value is ObjectInstance full and not JsArray
                ? new RequestCookie(name, TypeConverter.ToString(full.Get("value")), TypeConverter.ToBoolean(full.Get("replace")))
                : new RequestCookie(name, TypeConverter.ToString(value));
            (result ??= []).Add(cookie);
        }

        return result;
    }

    /// <summary>
    /// Credentials in the URL (<c>http://user:pass@host/</c>) go as Basic authorization, as k6's Go client sends them
    /// with or without <c>auth: 'basic'</c>; an Authorization header the script set wins.
    /// </summary>
    private static void Authorize(Jint.Engine engine, string url, string? auth, List<KeyValuePair<string, string>> headers)
    {
        if (auth is not (null or "basic"))
        {
            throw Js.Error(engine, $"auth '{auth}' is not supported: only 'basic' (credentials in the URL) is (see docs/k6-compatibility.md)");
        }

        // Credentials need an '@'; most URLs have none, and parsing every request's URL again cost a microsecond.
        if (!url.Contains('@', StringComparison.Ordinal) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.UserInfo.Length == 0
            || headers.Any(h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
        var user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
        var password = colon < 0 ? "" : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        headers.Add(KeyValuePair.Create("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"))));
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
        if (request.IsString() || request is HostValue<TaggedUrlValue>)
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
        ExpectedStatuses? expected = null;
        foreach (var arg in args)
        {
            var next = arg is ObjectInstance range
                ? ExpectedStatuses.Range((int)TypeConverter.ToNumber(range.Get("min")), (int)TypeConverter.ToNumber(range.Get("max")))
                : ExpectedStatuses.Of((int)TypeConverter.ToNumber(arg));
            expected = expected is null ? next : expected.Or(next);
        }

        return expected is null
            ? throw Js.TypeError(scope.Engine, "http.expectedStatuses() needs at least one status or { min, max }")
            : new HostValue<ExpectedStatuses>(scope.Engine, expected);
    }

    private static ExpectedStatuses? ReadExpected(JsValue callback)
    {
        if (callback.IsNull())
        {
            // k6: setResponseCallback(null) marks no status as failed.
            return ExpectedStatuses.Range(0, 999);
        }

        return callback is HostValue<ExpectedStatuses> expected ? expected.Value : null;
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

        var text = url.ToString();
        var value = new HostValue<TaggedUrlValue>(scope.Engine, new TaggedUrlValue(text, name.ToString()));
        value.Put("name", value.Value.Name);
        value.Put("url", text);
        value.Put("toString", Js.Function(scope.Engine, "toString", (_, _) => new JsString(text)));
        return value;
    }

    /// <summary>k6's <c>http.cookieJar()</c>: the VU's own jar, which its requests send and fill.</summary>
    private static JsValue CookieJar(VuScope scope)
    {
        var engine = scope.Engine;
        var jar = Js.Object(engine);
        jar.Put("set", Js.Function(engine, "set", (_, args) =>
        {
            var vu = scope.Require("cookieJar().set()");
            var cookies = vu.Http.Cookies;
            var uri = JarUri(engine, args.Arg(0));
            var cookie = new System.Net.Cookie(TypeConverter.ToString(args.Arg(1)), TypeConverter.ToString(args.Arg(2)));
            if (args.Arg(3) is ObjectInstance options)
            {
                cookie.Domain = Js.StringOrNull(options.Get("domain")) ?? "";
                cookie.Path = Js.StringOrNull(options.Get("path")) ?? "";
                cookie.Secure = TypeConverter.ToBoolean(options.Get("secure"));
                cookie.HttpOnly = TypeConverter.ToBoolean(options.Get("http_only"));
                if (!options.Get("max_age").IsMissing())
                {
                    cookie.Expires = vu.Time.GetUtcNow().UtcDateTime.AddSeconds(TypeConverter.ToNumber(options.Get("max_age")));
                }
                else if (Js.StringOrNull(options.Get("expires")) is { } expires
                    && DateTimeOffset.TryParse(expires, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var when))
                {
                    cookie.Expires = when.UtcDateTime;
                }
            }

            try
            {
                cookies?.Add(uri, cookie);
            }
            catch (System.Net.CookieException exception)
            {
                throw Js.Error(engine, $"cookieJar().set(): {exception.Message}");
            }

            return JsValue.Undefined;
        }, 4));
        jar.Put("cookiesForURL", Js.Function(engine, "cookiesForURL", (_, args) =>
        {
            var result = Js.Object(engine);
            var cookies = scope.Require("cookieJar().cookiesForURL()").Http.Cookies;
            var values = new Dictionary<string, List<JsValue>>(StringComparer.Ordinal);
            foreach (System.Net.Cookie cookie in cookies?.GetCookies(JarUri(engine, args.Arg(0))) ?? [])
            {
                if (!values.TryGetValue(cookie.Name, out var list))
                {
                    values[cookie.Name] = list = [];
                }

                list.Add(new JsString(cookie.Value));
            }

            foreach (var (name, list) in values)
            {
                result.Put(name, new JsArray(engine, [.. list]));
            }

            return result;
        }, 1));
        jar.Put("clear", Js.Function(engine, "clear", (_, args) =>
        {
            Expire(scope.Require("cookieJar().clear()").Http.Cookies, JarUri(engine, args.Arg(0)), null);
            return JsValue.Undefined;
        }, 1));
        jar.Put("delete", Js.Function(engine, "delete", (_, args) =>
        {
            Expire(scope.Require("cookieJar().delete()").Http.Cookies, JarUri(engine, args.Arg(0)), TypeConverter.ToString(args.Arg(1)));
            return JsValue.Undefined;
        }, 2));
        return jar;
    }

    private static Uri JarUri(Jint.Engine engine, JsValue url) =>
        Uri.TryCreate(TypeConverter.ToString(url), UriKind.Absolute, out var uri)
            ? uri
            : throw Js.TypeError(engine, $"cookie jar: '{TypeConverter.ToString(url)}' is not an absolute URL");

    /// <summary>Expires the jar's cookies for <paramref name="uri"/> (only <paramref name="name"/>'s when given), so it no longer sends them.</summary>
    private static void Expire(System.Net.CookieContainer? cookies, Uri uri, string? name)
    {
        foreach (System.Net.Cookie cookie in cookies?.GetCookies(uri) ?? [])
        {
            if (name is null || cookie.Name == name)
            {
                cookie.Expired = true;
            }
        }
    }

    /// <summary>What <c>http.url`…`</c> made: the URL, and the name that groups every URL of the template.</summary>
    private sealed record TaggedUrlValue(string Url, string Name);
}
