using System.Text;

namespace Stampede.Yaml.Reading;

/// <summary>Expands <c>${VAR}</c> and <c>${VAR:-default}</c> in plan text from the environment; <c>$${</c> is a literal <c>${</c>.</summary>
internal static class EnvExpander
{
    public static string Expand(string text, IReadOnlyDictionary<string, string> env, out string? problem)
    {
        problem = null;
        if (!text.Contains("${", StringComparison.Ordinal))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '$' && i + 2 < text.Length && text[i + 1] == '$' && text[i + 2] == '{')
            {
                sb.Append("${");
                i += 3;
                continue;
            }

            if (text[i] != '$' || i + 1 >= text.Length || text[i + 1] != '{')
            {
                sb.Append(text[i]);
                i++;
                continue;
            }

            var close = text.IndexOf('}', i + 2);
            if (close < 0)
            {
                problem = $"unclosed '${{' in '{text}': expected ${{NAME}} or ${{NAME:-default}}";
                return text;
            }

            var body = text[(i + 2)..close];
            var separator = body.IndexOf(":-", StringComparison.Ordinal);
            var name = separator < 0 ? body : body[..separator];
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                problem = $"bad environment variable name '{name}' in '{text}': expected letters, digits and '_'";
                return text;
            }

            if (env.TryGetValue(name, out var value) && (separator < 0 || value.Length > 0))
            {
                sb.Append(value);
            }
            else if (separator >= 0)
            {
                sb.Append(body[(separator + 2)..]);
            }
            else
            {
                problem = $"environment variable '{name}' is not set: give -e {name}=VALUE or write ${{{name}:-default}}";
                return text;
            }

            i = close + 1;
        }

        return sb.ToString();
    }
}
