using System.Globalization;
using System.Text.Json;

namespace Stampede.Protocols.Llm;

/// <summary>
/// A small JSON path: dot-separated property names with optional <c>[index]</c>, e.g. <c>choices[0].delta.content</c>
/// (a leading <c>$.</c> is allowed). Parsed once; evaluating it allocates nothing.
/// </summary>
public sealed class JsonPath
{
    private readonly (string? Name, int Index)[] _steps;

    private JsonPath(string text, (string? Name, int Index)[] steps)
    {
        Text = text;
        _steps = steps;
    }

    /// <summary>The path as written.</summary>
    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> when it is malformed.</summary>
    public static JsonPath Parse(string text)
    {
        var body = text.StartsWith("$.", StringComparison.Ordinal) ? text[2..] : text;
        var steps = new List<(string?, int)>();
        foreach (var part in body.Split('.'))
        {
            var name = part;
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            if (bracket >= 0)
            {
                name = part[..bracket];
            }

            if (name.Length > 0)
            {
                steps.Add((name, -1));
            }
            else if (bracket != 0)
            {
                throw new FormatException($"JSON path '{text}': empty step");
            }

            while (bracket >= 0)
            {
                var close = part.IndexOf(']', bracket);
                if (close < 0 || !int.TryParse(part.AsSpan(bracket + 1, close - bracket - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    throw new FormatException($"JSON path '{text}': bad index in '{part}'");
                }

                steps.Add((null, index));
                bracket = close + 1 < part.Length && part[close + 1] == '[' ? close + 1 : -1;
            }
        }

        return new JsonPath(text, [.. steps]);
    }

    /// <summary>The element at this path under <paramref name="root"/>; false when any step is missing or null.</summary>
    public bool TryGet(JsonElement root, out JsonElement value)
    {
        value = root;
        foreach (var (name, index) in _steps)
        {
            if (name is not null)
            {
                if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out value))
                {
                    return false;
                }
            }
            else if (value.ValueKind != JsonValueKind.Array || index >= value.GetArrayLength())
            {
                return false;
            }
            else
            {
                value = value[index];
            }
        }

        return value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);
    }

    /// <summary>The string at this path, or null.</summary>
    public string? GetString(JsonElement root) =>
        TryGet(root, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The integer at this path, or null.</summary>
    public long? GetInt64(JsonElement root) =>
        TryGet(root, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;

    /// <inheritdoc />
    public override string ToString() => Text;
}
