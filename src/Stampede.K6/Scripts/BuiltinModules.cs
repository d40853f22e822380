namespace Stampede.K6.Scripts;

/// <summary>The k6 modules a script may import, and the well-known ones it may not (docs/k6-compatibility.md).</summary>
internal static class BuiltinModules
{
    public static readonly IReadOnlySet<string> Supported = Modules.ModuleRegistry.Builders.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>The jslib modules k6 users import by URL, served from embedded copies of our own.</summary>
    public static readonly IReadOnlyDictionary<string, string> JsLib = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["k6-summary"] = Summary.K6SummaryHost.ModuleResourceName,
    };

    public static bool IsK6(string specifier) => specifier == "k6" || specifier.StartsWith("k6/", StringComparison.Ordinal);

    /// <summary>The embedded resource for a jslib URL (<c>https://jslib.k6.io/k6-summary/0.0.2/index.js</c>), else null.</summary>
    public static string? JsLibResource(string specifier)
    {
        const string Prefix = "https://jslib.k6.io/";
        if (!specifier.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var name = specifier[Prefix.Length..].Split('/')[0];
        return JsLib.GetValueOrDefault(name);
    }

    public static string Unsupported(string specifier) =>
        specifier.StartsWith("k6/x/", StringComparison.Ordinal) ? $"the extension '{specifier}' is not supported (xk6 extensions are Go code; 'k6/x/sse' is the only one Stampede speaks; see docs/k6-compatibility.md)"
        : IsK6(specifier) ? $"the module '{specifier}' is not supported (see docs/k6-compatibility.md for the supported modules)"
        : specifier.StartsWith("http://", StringComparison.Ordinal) || specifier.StartsWith("https://", StringComparison.Ordinal)
            ? $"remote module '{specifier}' is not fetched: Stampede does not download scripts (see docs/k6-compatibility.md)"
        : $"cannot import '{specifier}': a module is 'k6/…', a jslib URL, or a relative path ('./lib.js')";
}
