using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Stampede.Yaml.Templates;

/// <summary>Text with <c>{{ name }}</c> placeholders, parsed once when the plan loads and rendered per request.</summary>
internal sealed class TextTemplate
{
    private readonly IReadOnlyList<object> _segments;

    private TextTemplate(string source, IReadOnlyList<object> segments)
    {
        Source = source;
        _segments = segments;
    }

    /// <summary>The text as written.</summary>
    public string Source { get; }

    /// <summary>True when there is nothing to substitute.</summary>
    public bool IsConstant => _segments.All(s => s is string);

    /// <summary>The expression when the whole text is exactly one <c>{{ … }}</c> (its value may then keep its JSON type).</summary>
    public TemplatePath? Single => _segments is [TemplatePath only] ? only : null;

    public IEnumerable<TemplatePath> Paths => _segments.OfType<TemplatePath>();

    public static TextTemplate Constant(string text) => new(text, [text]);

    /// <summary>Parses <paramref name="text"/>; on failure returns null with <paramref name="error"/> and the 0-based offset of the problem.</summary>
    public static TextTemplate? Parse(string text, out string? error, out int offset)
    {
        error = null;
        offset = 0;
        var segments = new List<object>();
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf("{{", i, StringComparison.Ordinal);
            if (open < 0)
            {
                segments.Add(text[i..]);
                break;
            }

            if (open > i)
            {
                segments.Add(text[i..open]);
            }

            var close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                error = $"unclosed '{{{{' in '{text}': expected '}}}}'";
                offset = open;
                return null;
            }

            var path = TemplatePath.Parse(text[(open + 2)..close].Trim(), out error);
            if (path is null)
            {
                offset = open;
                return null;
            }

            segments.Add(path);
            i = close + 2;
        }

        return new TextTemplate(text, segments);
    }

    public string Render(ITemplateScope scope)
    {
        if (_segments is [string constant])
        {
            return constant;
        }

        var sb = new StringBuilder();
        foreach (var segment in _segments)
        {
            if (segment is string text)
            {
                sb.Append(text);
            }
            else
            {
                sb.Append(Format(scope.Resolve((TemplatePath)segment)));
            }
        }

        return sb.ToString();
    }

    /// <summary>How a resolved value reads inside text: JSON strings unquoted, numbers invariant, null as nothing.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString() ?? "",
        JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => "",
        JsonElement e => e.GetRawText(),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IEnumerable list => "[" + string.Join(",", list.Cast<object?>().Select(Format)) + "]",
        _ => value.ToString() ?? "",
    };
}
