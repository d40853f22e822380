using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Stampede.K6.Runtime;
using Stampede.Protocols.Http;

namespace Stampede.K6.Modules;

/// <summary>k6's response object: status, body, headers, timings (k6's fields, in ms), error and error_code, json(selector).</summary>
internal static class ResponseObject
{
    public static JsObject Create(VuScope scope, HttpResponse response, HttpRequestSpec spec)
    {
        var engine = scope.Engine;
        var value = Js.Object(engine);
        value.Put("status", response.Status);
        value.Put("status_text", scope.StatusTexts[response.Status]);
        value.Put("proto", response.Proto);
        value.Put("url", response.Url.Length > 0 ? response.Url : spec.Url);
        value.Put("error", response.ErrorMessage ?? "");
        value.Put("error_code", response.ErrorCode);
        value.Put("body", spec.ResponseBody == ResponseBodyMode.Discard ? JsValue.Null : new JsString(response.Body));
        value.Put("headers", new DeferredObject<(VuScope, HttpResponse)>(engine, (scope, response), static (headers, state) =>
        {
            var (scope, response) = state;
            foreach (var (name, header) in response.Headers)
            {
                headers.Put(scope.HeaderNames[name], header);
            }
        }));
        value.Put("timings", new DeferredObject<HttpTimings>(engine, response.Timings, static (timings, t) =>
        {
            timings.Put("blocked", t.Blocked);
            timings.Put("connecting", t.Connecting);
            timings.Put("tls_handshaking", t.TlsHandshaking);
            timings.Put("sending", t.Sending);
            timings.Put("waiting", t.Waiting);
            timings.Put("receiving", t.Receiving);
            timings.Put("duration", t.Duration);
        }));
        value.Put("request", new DeferredObject<HttpRequestSpec>(engine, spec, static (request, spec) =>
        {
            request.Put("method", spec.Method.Method);
            request.Put("url", spec.Url);
            request.Put("body", spec.Body is null ? "" : System.Text.Encoding.UTF8.GetString(spec.Body.Bytes.Span));
        }));
        value.Put("cookies", new DeferredObject<HttpResponse>(engine, response, static (cookies, response) => ResponseCookies.Fill(cookies, response.SetCookies)));
        value.Prototype = scope.ResponsePrototype ??= Prototype(scope);
        return value;
    }

    /// <summary>The methods every response of one engine shares, made once rather than per response.</summary>
    private static JsObject Prototype(VuScope scope)
    {
        var engine = scope.Engine;
        var prototype = Js.Object(engine);
        prototype.Put("json", Js.Function(engine, "json", (self, args) => Json(scope, self, args.Arg(0)), 1));
        prototype.Put("html", Js.Function(engine, "html", (_, _) => throw Js.Error(engine, "response.html() is not supported (see docs/k6-compatibility.md)")));
        return prototype;
    }

    private static JsValue Json(VuScope scope, JsValue response, JsValue selector)
    {
        var engine = scope.Engine;
        var body = response is ObjectInstance r ? r.Get("body") : JsValue.Undefined;
        if (!body.IsString())
        {
            throw Js.Error(engine, "cannot parse the response body as JSON: the body was discarded (responseType 'none' or discardResponseBodies)");
        }

        JsValue parsed;
        try
        {
            parsed = Js.Parse(engine, body.ToString());
        }
        catch (JavaScriptException)
        {
            throw Js.Error(engine, "cannot parse the response body as JSON");
        }

        return selector.IsMissing() ? parsed : Select(parsed, TypeConverter.ToString(selector));
    }

    /// <summary>The common part of k6's gjson selectors: <c>a.b.0.c</c> and <c>a.#</c> (a length).</summary>
    private static JsValue Select(JsValue value, string path)
    {
        foreach (var part in path.Split('.'))
        {
            if (value is not ObjectInstance obj)
            {
                return JsValue.Undefined;
            }

            if (part == "#" && obj is JsArray array)
            {
                return JsNumber.Create(array.Length);
            }

            value = obj.Get(part);
        }

        return value;
    }

    /// <summary>
    /// k6's <c>status_text</c>: the code and Go's reason phrase, which is the words of .NET's status name
    /// (<c>404 Not Found</c>); empty without a response, the code alone for an unknown one.
    /// </summary>
    internal static string StatusText(int status)
    {
        if (status == 0)
        {
            return "";
        }

        var name = ((System.Net.HttpStatusCode)status).ToString();
        if (int.TryParse(name, out _))
        {
            return $"{status} ";
        }

        var text = new System.Text.StringBuilder($"{status} ", name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && char.IsLower(name[i - 1]))
            {
                text.Append(' ');
            }

            text.Append(name[i]);
        }

        return text.ToString();
    }

    /// <summary>A header name as Go (and so k6) spells it: <c>content-type</c> → <c>Content-Type</c>.</summary>
    internal static string Canonical(string name) =>
        string.Join('-', name.Split('-').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..].ToLowerInvariant()));
}
