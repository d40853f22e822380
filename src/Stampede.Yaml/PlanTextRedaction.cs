using System.Text.RegularExpressions;
using Stampede.Metrics;

namespace Stampede.Yaml;

/// <summary>
/// A plan file's text as the run history keeps it: URLs redacted by the run's <see cref="UrlRedaction"/>, and the
/// value of every setting whose key names a credential (an <c>Authorization</c>, <c>Cookie</c> or <c>X-Api-Key</c>
/// header, an <c>apiKey</c>, a <c>query</c> entry such as <c>token</c>, a JSON body's <c>password</c>) replaced by
/// <see cref="UrlRedaction.Mask"/>, in block and flow style alike. A value that takes the secret from elsewhere
/// (<c>${API_KEY}</c>, <c>{{ vars.token }}</c>) is kept: it is no secret, and it says where the secret came from.
/// So is the reference in <c>${API_KEY:-sk-live-…}</c>, but not the literal default of a credential-named variable.
/// Other values, a body's <c>pin</c> for instance, are kept as written: pass secrets in with <c>${VAR}</c>.
/// </summary>
internal static partial class PlanTextRedaction
{
    public static string Redact(string text, UrlRedaction urls)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = RedactLine(lines[i], urls);
        }

        return urls.Redact(string.Join('\n', lines));
    }

    private static string RedactLine(string line, UrlRedaction urls)
    {
        if (BlockEntry().Match(line) is { Success: true } block && IsSecretKey(block.Groups["key"].Value, urls)
            && Scalar(line, block.Groups["value"].Index) is var (start, end) && end > start)
        {
            line = Masked(line, start, end);
        }

        // Flow mappings ({ Authorization: "Bearer …", page: 2 }), matched again after each replacement.
        for (var from = 0; FlowEntry().Match(line, from) is { Success: true } flow; )
        {
            var value = flow.Groups["value"];
            from = value.Index + value.Length;
            if (IsSecretKey(flow.Groups["key"].Value, urls) && value.Length > 0 && value.Value[0] is not ('{' or '['))
            {
                var masked = Masked(line, value.Index, value.Index + value.Length);
                from += masked.Length - line.Length;
                line = masked;
            }
        }

        // ${API_KEY:-sk-live-…}: the reference stays, a literal default of a credential-named variable does not.
        return EnvDefault().Replace(line, m => IsSecretKey(m.Groups["key"].Value, urls) && m.Groups["value"].Value != UrlRedaction.Mask
            ? "${" + m.Groups["key"].Value + ":-" + UrlRedaction.Mask + "}"
            : m.Value);
    }

    private static bool IsSecretKey(string key, UrlRedaction urls) => urls.IsCredential(key) || UrlRedaction.IsCredentialHeader(key);

    /// <summary>Where the block entry's plain or quoted scalar starts and ends; nothing for a nested collection or a block scalar.</summary>
    private static (int Start, int End) Scalar(string line, int start)
    {
        var first = line[start];
        if (first is '{' or '[' or '|' or '>' or '&' or '*' or '#')
        {
            return (start, start);
        }

        if (first is '"' or '\'')
        {
            var close = line.IndexOf(first, start + 1);
            return (start, close < 0 ? line.TrimEnd().Length : close + 1);
        }

        var comment = line.IndexOf(" #", start, StringComparison.Ordinal);
        return (start, (comment < 0 ? line : line[..comment]).TrimEnd().Length);
    }

    private static string Masked(string line, int start, int end)
    {
        var value = line[start..end];
        return value.Contains("${", StringComparison.Ordinal) || value.Contains("{{", StringComparison.Ordinal) || value.Trim('"', '\'') == UrlRedaction.Mask
            ? line
            : line[..start] + UrlRedaction.Mask + line[end..];
    }

    [GeneratedRegex(@"^\s*(?:-\s+)?(?<q>[""']?)(?<key>[A-Za-z0-9_.\-]+)\k<q>[ \t]*:[ \t]+(?<value>\S.*)$")]
    private static partial Regex BlockEntry();

    [GeneratedRegex(@"\$\{(?<key>[A-Za-z0-9_]+):-(?<value>[^}]+)\}")]
    private static partial Regex EnvDefault();

    [GeneratedRegex(@"(?<!\$)[{,][ \t]*(?<q>[""']?)(?<key>[A-Za-z0-9_.\-]+)\k<q>[ \t]*:[ \t]*(?<value>""(?:[^""\\]|\\.)*""|'(?:[^']|'')*'|[^,}\r\n]*[^,}\s])")]
    private static partial Regex FlowEntry();
}
