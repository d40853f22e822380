using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Stampede.Protocols.Http;
using Stampede.Yaml.Templates;

namespace Stampede.Yaml.Flows;

/// <summary>
/// A piece of a response that checks and captures read: <c>status</c>, <c>duration</c> (ms), <c>body</c>, <c>json</c>,
/// <c>json.a.b[0]</c>, <c>header.Content-Type</c>, or the first group of a regular expression over the body.
/// </summary>
internal sealed class ResponseValue
{
    private readonly string _kind;
    private readonly IReadOnlyList<TemplatePathPart> _jsonPath;
    private readonly string? _header;
    private readonly Regex? _regex;

    private ResponseValue(string text, string kind, IReadOnlyList<TemplatePathPart>? jsonPath = null, string? header = null, Regex? regex = null)
    {
        Text = text;
        _kind = kind;
        _jsonPath = jsonPath ?? [];
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
            var path = TemplatePath.Parse(trimmed, out error);
            return path is null ? null : new ResponseValue(trimmed, "json", path.Parts.Skip(1).ToList());
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

                var value = Walk(element, _jsonPath);
                found = value is not null;
                return value;
        }
    }

    private static JsonElement? Walk(JsonElement element, IReadOnlyList<TemplatePathPart> parts)
    {
        foreach (var part in parts)
        {
            if (part.Name is { } name)
            {
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
                {
                    return null;
                }
            }
            else if (part.Index is { } index)
            {
                if (element.ValueKind != JsonValueKind.Array)
                {
                    return null;
                }

                var length = element.GetArrayLength();
                if (index < 0)
                {
                    index += length;
                }

                if (index < 0 || index >= length)
                {
                    return null;
                }

                element = element[index];
            }
            else
            {
                return null;
            }
        }

        return element;
    }

    public static string Describe(object? value) => value switch
    {
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        _ => TextTemplate.Format(value),
    };
}
