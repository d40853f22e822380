using System.Globalization;
using System.Text.Json;

namespace Stampede.Protocols;

/// <summary>
/// The one JSON path every front end and protocol reads responses, events and messages with: member names separated by
/// dots, and whole-number indexes in brackets, negative ones counting from the end: <c>choices[0].delta.content</c>,
/// <c>items[-1].id</c>, <c>[0].name</c>. A leading <c>$</c> or <c>$.</c> is allowed. Parsed once; reading allocates
/// nothing.
/// </summary>
public sealed class JsonPath
{
    private readonly Step[] _steps;

    private JsonPath(string text, Step[] steps)
    {
        Text = text;
        _steps = steps;
    }

    /// <summary>The path as written.</summary>
    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> (saying where) when it is malformed.</summary>
    public static JsonPath Parse(string text) =>
        TryParse(text, out var path, out var error) ? path : throw new FormatException(error);

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what is wrong and at which position (1-based).</summary>
    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out JsonPath? path, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error) =>
        TryParse(text, 0, out path, out error);

    /// <summary>
    /// Parses the path that starts at <paramref name="start"/> of <paramref name="text"/> (after a prefix such as
    /// <c>json</c>); an error quotes the whole text and counts positions in it, as the user wrote it.
    /// </summary>
    public static bool TryParse(string text, int start, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out JsonPath? path, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        path = null;
        var steps = new List<Step>();
        var i = start < text.Length && text[start] == '$' ? start + 1 : start;
        // The first step may be a bare name ("a.b"); every later one starts with '.' or '['.
        var first = true;
        while (i < text.Length)
        {
            if (text[i] == '[')
            {
                var close = text.IndexOf(']', i);
                if (close < 0 || !int.TryParse(text.AsSpan(i + 1, close - i - 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
                {
                    error = $"JSON path '{text}': expected a whole-number index such as [0] or [-1] at position {i + 1}";
                    return false;
                }

                steps.Add(new Step(null, index));
                i = close + 1;
            }
            else if (text[i] == '.' || (first && i == start))
            {
                var nameStart = text[i] == '.' ? ++i : i;
                while (i < text.Length && text[i] is not ('.' or '['))
                {
                    i++;
                }

                if (i == nameStart)
                {
                    error = $"JSON path '{text}': expected a name at position {i + 1}";
                    return false;
                }

                steps.Add(new Step(text[nameStart..i], 0));
            }
            else
            {
                error = $"JSON path '{text}': unexpected '{text[i]}' at position {i + 1}: expected '.name' or '[index]'";
                return false;
            }

            first = false;
        }

        if (steps.Count == 0)
        {
            error = $"JSON path '{text}': expected at least one name or index";
            return false;
        }

        error = null;
        path = new JsonPath(text[start..], [.. steps]);
        return true;
    }

    /// <summary>
    /// The element at this path under <paramref name="root"/>; false when a member or index along it is missing. A
    /// member that is present with the value <c>null</c> is found (its kind is <see cref="JsonValueKind.Null"/>).
    /// </summary>
    public bool TryGet(JsonElement root, out JsonElement value)
    {
        value = root;
        foreach (var step in _steps)
        {
            if (step.Name is { } name)
            {
                if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out value))
                {
                    return false;
                }

                continue;
            }

            if (value.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            var length = value.GetArrayLength();
            var index = step.Index < 0 ? step.Index + length : step.Index;
            if (index < 0 || index >= length)
            {
                return false;
            }

            value = value[index];
        }

        return true;
    }

    /// <summary>The string at this path, or null.</summary>
    public string? GetString(JsonElement root) =>
        TryGet(root, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The integer at this path, or null.</summary>
    public long? GetInt64(JsonElement root) =>
        TryGet(root, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;

    /// <inheritdoc />
    public override string ToString() => Text;

    /// <summary>A member name, or (when null) an index.</summary>
    private readonly record struct Step(string? Name, int Index);
}
