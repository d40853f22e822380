using System.Globalization;
using System.Text;

namespace Stampede.K6.Conversion;

/// <summary>
/// The plan a conversion writes, as ordered YAML: mappings keep the script's order, and a <see cref="YamlComment"/>
/// stands where a construct could not be converted, so the note lands at that place in the file.
/// </summary>
internal abstract record YamlValue;

internal sealed record YamlText(string Value) : YamlValue;

internal sealed record YamlNumber(double Value) : YamlValue;

internal sealed record YamlBool(bool Value) : YamlValue;

internal sealed record YamlComment(string Text) : YamlValue;

internal sealed record YamlList(List<YamlValue> Items) : YamlValue
{
    public YamlList() : this([]) { }
}

internal sealed record YamlMap(List<KeyValuePair<string, YamlValue>> Entries) : YamlValue
{
    public YamlMap() : this([]) { }

    public YamlMap Add(string key, YamlValue value)
    {
        Entries.Add(new(key, value));
        return this;
    }

    public void Comment(string text) => Entries.Add(new("", new YamlComment(text)));

    public bool Has(string key) => Entries.Any(e => e.Key == key && e.Value is not YamlComment);

    public YamlValue? Get(string key) => Entries.FirstOrDefault(e => e.Key == key && e.Value is not YamlComment).Value;

    public YamlMap GetOrAddMap(string key)
    {
        if (Get(key) is YamlMap map)
        {
            return map;
        }

        map = new YamlMap();
        Add(key, map);
        return map;
    }
}

/// <summary>Writes a <see cref="YamlValue"/> tree in block style, quoting every string so no value changes type.</summary>
internal static class YamlTreeWriter
{
    public static string Write(YamlMap root, IEnumerable<string> header)
    {
        var text = new StringBuilder();
        foreach (var line in header)
        {
            text.Append("# ").Append(line).Append('\n');
        }

        WriteMap(text, root, 0);
        return text.ToString();
    }

    private static void WriteMap(StringBuilder text, YamlMap map, int indent)
    {
        foreach (var (key, value) in map.Entries)
        {
            if (value is YamlComment comment)
            {
                Comment(text, comment, indent);
                continue;
            }

            text.Append(' ', indent).Append(Key(key)).Append(':');
            WriteNested(text, value, indent);
        }
    }

    private static void WriteNested(StringBuilder text, YamlValue value, int indent)
    {
        switch (value)
        {
            case YamlMap { Entries.Count: 0 }:
                text.Append(" {}\n");
                break;
            case YamlList { Items.Count: 0 }:
                text.Append(" []\n");
                break;
            case YamlMap map:
                text.Append('\n');
                WriteMap(text, map, indent + 2);
                break;
            case YamlList list:
                text.Append('\n');
                WriteList(text, list, indent + 2);
                break;
            default:
                text.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    private static void WriteList(StringBuilder text, YamlList list, int indent)
    {
        foreach (var item in list.Items)
        {
            switch (item)
            {
                case YamlComment comment:
                    Comment(text, comment, indent);
                    break;
                case YamlMap { Entries.Count: > 0 } map:
                    // The first entry shares the dash's line; a leading comment goes above the item instead.
                    var entries = map.Entries;
                    var first = entries.FindIndex(e => e.Value is not YamlComment);
                    foreach (var note in entries.Take(first < 0 ? entries.Count : first))
                    {
                        Comment(text, (YamlComment)note.Value, indent);
                    }

                    if (first < 0)
                    {
                        break;
                    }

                    text.Append(' ', indent).Append("- ").Append(Key(entries[first].Key)).Append(':');
                    WriteNested(text, entries[first].Value, indent + 2);
                    WriteMap(text, new YamlMap([.. entries.Skip(first + 1)]), indent + 2);
                    break;
                case YamlList nested:
                    text.Append(' ', indent).Append("-\n");
                    WriteList(text, nested, indent + 2);
                    break;
                default:
                    text.Append(' ', indent).Append("- ").Append(item is YamlMap ? "{}" : Scalar(item)).Append('\n');
                    break;
            }
        }
    }

    private static void Comment(StringBuilder text, YamlComment comment, int indent)
    {
        foreach (var line in comment.Text.Split('\n'))
        {
            text.Append(' ', indent).Append("# ").Append(line).Append('\n');
        }
    }

    private static string Key(string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') && !char.IsAsciiDigit(key[0]) && key is not ("true" or "false" or "null" or "yes" or "no" or "on" or "off")
            ? key
            : Quote(key);

    private static string Scalar(YamlValue value) => value switch
    {
        YamlText t => Quote(t.Value),
        YamlNumber n => n.Value.ToString("R", CultureInfo.InvariantCulture),
        YamlBool b => b.Value ? "true" : "false",
        _ => "null",
    };

    private static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in text)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }
}
