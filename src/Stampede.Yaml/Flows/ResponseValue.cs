using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Stampede.Protocols;
using Stampede.Protocols.Http;

namespace Stampede.Yaml.Flows;

/// <summary>
/// A piece of a response that checks and captures read: <c>status</c>, <c>duration</c> (ms), <c>body</c>, <c>json</c>,
/// <c>json.a.b[0]</c>, <c>header.Content-Type</c>, or the first group of a regular expression over the body.
/// </summary>
internal sealed class ResponseValue
{
    private readonly string _kind;
    private readonly JsonPath? _jsonPath;
    private readonly string? _header;
    private readonly Regex? _regex;

    private ResponseValue(string text, string kind, JsonPath? jsonPath = null, string? header = null, Regex? regex = null)
    {
        Text = text;
        _kind = kind;
        _jsonPath = jsonPath;
        _header = header;
        _regex = regex;
    }

    /// <summary>The selector as written.</summary>
    public string Text { get; }

    public bool IsDuration => _kind == "duration";

    public static readonly IReadOnlyList<string> Forms = ["status", "duration", "body", "json", "json.PATH", "header.NAME", "regex:PATTERN"];

    public static ResponseValue? Parse(string text, out string? error)
    {
        error = null;
        var trimmed = text.Trim();
        switch (trimmed)
        {
            case "status" or "duration" or "body" or "json":
                return new ResponseValue(trimmed, trimmed);
        }

        if (trimmed.StartsWith("regex:", StringComparison.Ordinal))
        {
            return Regex(trimmed, trimmed["regex:".Length..], out error);
        }

        if (trimmed.StartsWith("header.", StringComparison.Ordinal) && trimmed.Length > "header.".Length)
        {
            return new ResponseValue(trimmed, "header", header: trimmed["header.".Length..]);
        }

        if (trimmed.StartsWith("json.", StringComparison.Ordinal) || trimmed.StartsWith("json[", StringComparison.Ordinal))
        {
            return JsonPath.TryParse(trimmed, "json".Length, out var path, out error) ? new ResponseValue(trimmed, "json", path) : null;
        }

        var suggestion = Plans.NameSuggestion.Closest(trimmed.Split('.')[0], ["status", "duration", "body", "json", "header", "regex"]);
        error = $"unknown response value '{trimmed}': expected {string.Join(", ", Forms)}" + (suggestion is null ? "" : $" (did you mean '{suggestion}'?)");
        return null;
    }

    public static ResponseValue? Regex(string text, string pattern, out string? error)
    {
        error = null;
        try
        {
            return new ResponseValue(text, "regex", regex: new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
        }
        catch (ArgumentException exception)
        {
            error = $"bad regular expression '{pattern}': {exception.Message}";
            return null;
        }
    }

    /// <summary>Reads the value: <c>found</c> is false when the response has no such thing (a missing header or JSON member, a body that is not JSON).</summary>
    public object? Read(HttpResponse response, out bool found)
    {
        found = true;
        switch (_kind)
        {
            case "status":
                return response.Status;
            case "duration":
                return response.Timings.Duration;
            case "body":
                return response.Body;
            case "header":
                found = response.Headers.TryGetValue(_header!, out var header);
                return header;
            case "regex":
                var match = _regex!.Match(response.Body);
                found = match.Success;
                return !match.Success ? null : match.Groups.Count > 1 ? match.Groups[1].Value : match.Value;
            default:
                JsonElement element;
                try
                {
                    element = response.Json();
                }
                catch (JsonException)
                {
                    found = false;
                    return null;
                }

                if (_jsonPath is null)
                {
                    return element;
                }

                found = _jsonPath.TryGet(element, out var value);
                return found ? value : null;
        }
    }

    public static string Describe(object? value) => value switch
    {
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        _ => Format(value),
    };

    /// <summary>How a value read from a response compares as text: JSON strings unquoted, numbers invariant, null as nothing.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString() ?? "",
        JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => "",
        JsonElement e => e.GetRawText(),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
