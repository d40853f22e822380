using System.Globalization;
using Jint.Native;
using Stampede.K6.Runtime;

namespace Stampede.K6.Modules;

/// <summary>
/// k6's <c>response.cookies</c>: the final response's <c>Set-Cookie</c> headers by name, each an array of
/// <c>{ name, value, domain, path, http_only, secure, max_age, expires }</c> (<c>expires</c> in ms since the epoch, 0
/// when the cookie has none; <c>max_age</c> 0 when absent). A malformed header is skipped, as k6's Go client skips it.
/// </summary>
internal static class ResponseCookies
{
    private static readonly string[] DateFormats =
    [
        "ddd, dd MMM yyyy HH:mm:ss 'GMT'", "ddd, dd-MMM-yyyy HH:mm:ss 'GMT'", "dddd, dd-MMM-yy HH:mm:ss 'GMT'",
        "ddd, d MMM yyyy HH:mm:ss 'GMT'", "ddd MMM d HH:mm:ss yyyy",
    ];

    public static void Fill(Jint.Native.Object.ObjectInstance cookies, IReadOnlyList<string> setCookies)
    {
        var engine = cookies.Engine;
        var lists = new Dictionary<string, List<JsValue>>(StringComparer.Ordinal);
        foreach (var header in setCookies)
        {
            if (Parse(engine, header) is not { } parsed)
            {
                continue;
            }

            var (name, cookie) = parsed;
            if (!lists.TryGetValue(name, out var list))
            {
                lists[name] = list = [];
            }

            list.Add(cookie);
        }

        foreach (var (name, list) in lists)
        {
            cookies.Put(name, new JsArray(engine, [.. list]));
        }
    }

    private static (string Name, JsObject Cookie)? Parse(Jint.Engine engine, string header)
    {
        var parts = header.Split(';');
        var pair = parts[0];
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        var name = equals < 0 ? "" : pair[..equals].Trim();
        if (name.Length == 0)
        {
            return null;
        }

        var value = pair[(equals + 1)..].Trim();
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            value = value[1..^1];
        }

        var cookie = Js.Object(engine);
        cookie.Put("name", name);
        cookie.Put("value", value);
        string domain = "", path = "";
        bool httpOnly = false, secure = false;
        double maxAge = 0, expires = 0;
        foreach (var part in parts.Skip(1))
        {
            var at = part.IndexOf('=', StringComparison.Ordinal);
            var key = (at < 0 ? part : part[..at]).Trim().ToLowerInvariant();
            var text = at < 0 ? "" : part[(at + 1)..].Trim();
            switch (key)
            {
                case "domain":
                    domain = text.TrimStart('.');
                    break;
                case "path":
                    path = text;
                    break;
                case "httponly":
                    httpOnly = true;
                    break;
                case "secure":
                    secure = true;
                    break;
                case "max-age" when int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds):
                    // As Go reads it: 0 and below mean "delete now", reported as -1.
                    maxAge = seconds <= 0 ? -1 : seconds;
                    break;
                case "expires" when DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var when):
                    expires = when.ToUnixTimeMilliseconds();
                    break;
            }
        }

        cookie.Put("domain", domain);
        cookie.Put("path", path);
        cookie.Put("http_only", httpOnly);
        cookie.Put("secure", secure);
        cookie.Put("max_age", maxAge);
        cookie.Put("expires", expires);
        return (name, cookie);
    }
}
