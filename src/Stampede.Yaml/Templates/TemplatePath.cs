namespace Stampede.Yaml.Templates;

/// <summary>One <c>{{ … }}</c> expression: a dotted path such as <c>data.users.email</c> or <c>setup.keys[vu.index]</c>.</summary>
internal sealed record TemplatePath(string Text, IReadOnlyList<TemplatePathPart> Parts)
{
    public string Root => Parts[0].Name!;

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what was expected.</summary>
    public static TemplatePath? Parse(string text, out string? error)
    {
        var position = 0;
        var path = ParsePath(text, ref position, out error);
        if (path is not null && position < text.Length)
        {
            error = $"unexpected '{text[position]}' at position {position + 1} of '{{{{ {text} }}}}': expected a name such as data.users.email or json.id";
            return null;
        }

        return path;
    }

    private static TemplatePath? ParsePath(string text, ref int i, out string? error)
    {
        error = null;
        var start = i;
        var parts = new List<TemplatePathPart>();
        var name = ReadName(text, ref i);
        if (name.Length == 0)
        {
            error = text.Trim().Length == 0 ? "empty '{{ }}': expected a name inside" : $"expected a name at position {i + 1} of '{{{{ {text} }}}}'";
            return null;
        }

        parts.Add(new TemplatePathPart(name, null, null));
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                i++;
                var member = ReadName(text, ref i);
                if (member.Length == 0)
                {
                    error = $"expected a name after '.' at position {i + 1} of '{{{{ {text} }}}}'";
                    return null;
                }

                parts.Add(new TemplatePathPart(member, null, null));
            }
            else if (text[i] == '[')
            {
                i++;
                var close = text.IndexOf(']', i);
                if (close < 0)
                {
                    error = $"unclosed '[' in '{{{{ {text} }}}}'";
                    return null;
                }

                var inside = text[i..close].Trim();
                if (int.TryParse(inside, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var index))
                {
                    parts.Add(new TemplatePathPart(null, index, null));
                }
                else
                {
                    var inner = Parse(inside, out error);
                    if (inner is null)
                    {
                        return null;
                    }

                    parts.Add(new TemplatePathPart(null, null, inner));
                }

                i = close + 1;
            }
            else
            {
                break;
            }
        }

        return new TemplatePath(text[start..i], parts);
    }

    private static string ReadName(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '-'))
        {
            i++;
        }

        return text[start..i];
    }
}

/// <summary>A member name, a fixed index or an index computed from another path.</summary>
internal sealed record TemplatePathPart(string? Name, int? Index, TemplatePath? IndexPath);
