using System.Buffers;
using System.Text;

namespace Stampede.Metrics;

/// <summary>
/// The one rule that keeps credentials carried in URLs out of everything a run writes. The value of a query or
/// fragment parameter whose name looks like a credential becomes <see cref="Mask"/> and its name stays
/// (<c>/search?q=shoes&amp;api_key=[REDACTED]</c>); a URL's user information becomes <see cref="Mask"/> too
/// (<c>https://[REDACTED]@host/</c>). URLs and free text that quotes them (an error message, a check's name) read
/// alike, so one function serves tags, errors and stop reasons.
/// </summary>
/// <remarks>
/// A name looks like a credential when it is one of <see cref="DefaultParameters"/> or of the plan's <c>redact</c>
/// list, compared case-insensitively, or ends in one after '_', '-', '.' or a camelCase step (<c>client_secret</c>,
/// <c>X-Amz-Signature</c>, <c>accessToken</c>): <c>sort_key</c> is redacted, <c>monkey</c> is not. Redacting a value
/// that was harmless costs a detail in a report; missing a credential leaks it into every file and database the run
/// feeds, so the rule errs on the side of hiding.
/// </remarks>
internal sealed class UrlRedaction
{
    /// <summary>What a redacted value (or user information) is replaced by.</summary>
    public const string Mask = "[REDACTED]";

    /// <summary>The parameter names redacted in every run; a plan's <c>redact</c> list adds to them.</summary>
    public static readonly IReadOnlyList<string> DefaultParameters =
        ["api_key", "apikey", "key", "token", "access_token", "auth", "password", "secret", "signature", "sig"];

    /// <summary>Request and response headers that carry credentials whatever the plan's list says.</summary>
    private static readonly string[] CredentialHeaders = ["Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie"];

    // Nothing to redact without one of these: the common case (a path, a plain tag value) costs one vectorised scan.
    private static readonly SearchValues<char> Triggers = SearchValues.Create("?&#@");
    private static readonly SearchValues<char> ParameterStarts = SearchValues.Create("?&#");
    private static readonly SearchValues<char> NameEnds = SearchValues.Create("=&?#;/ \t\r\n\"'<>`");
    private static readonly SearchValues<char> ValueEnds = SearchValues.Create("&# \t\r\n\"'<>`");
    private static readonly SearchValues<char> AuthorityEnds = SearchValues.Create("/?# \t\r\n\"'<>`");

    private readonly string[] _names;

    /// <summary>Redacts <see cref="DefaultParameters"/> and <paramref name="extraParameters"/>.</summary>
    public UrlRedaction(IEnumerable<string> extraParameters)
    {
        _names = [.. DefaultParameters.Concat(extraParameters).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The default names only.</summary>
    public static UrlRedaction Default { get; } = new([]);

    /// <summary>Why <paramref name="name"/> cannot be a <c>redact</c> entry, or null when it can.</summary>
    public static string? ProblemWithName(string name) =>
        name.Length == 0 ? "expected a query parameter name such as session_id, found nothing"
        : name.AsSpan().ContainsAny(NameEnds) ? $"expected a query parameter name such as session_id, found '{name}' (no spaces, quotes or any of = & ? # ; /)"
        : null;

    /// <summary>Whether a parameter called <paramref name="name"/> carries a credential.</summary>
    public bool IsCredential(ReadOnlySpan<char> name)
    {
        foreach (var candidate in _names)
        {
            if (name.Length < candidate.Length || !name[^candidate.Length..].Equals(candidate, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (name.Length == candidate.Length)
            {
                return true;
            }

            var before = name[^(candidate.Length + 1)];
            if (before is '_' or '-' or '.' || ((char.IsLower(before) || char.IsDigit(before)) && char.IsUpper(name[^candidate.Length])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a header called <paramref name="name"/> carries a credential: <c>Authorization</c>, <c>Cookie</c> and
    /// their kin, or a name that looks like a credential parameter (<c>X-Api-Key</c>, <c>X-Auth-Token</c>).
    /// </summary>
    public static bool IsCredentialHeader(string name) =>
        CredentialHeaders.Contains(name, StringComparer.OrdinalIgnoreCase) || Default.IsCredential(name);

    /// <summary><paramref name="text"/> with credentials masked; the same instance when there were none.</summary>
    public string Redact(string text)
    {
        if (!text.AsSpan().ContainsAny(Triggers))
        {
            return text;
        }

        return RedactParameters(RedactUserInfo(text));
    }

    /// <summary><paramref name="tags"/> with every value redacted; the same instance when nothing changed.</summary>
    public TagSet Redact(TagSet tags)
    {
        var result = tags;
        foreach (var (key, value) in tags.Items)
        {
            var redacted = Redact(value);
            if (!ReferenceEquals(redacted, value))
            {
                result = result.With(key, redacted);
            }
        }

        return result;
    }

    private static string RedactUserInfo(string text)
    {
        var span = text.AsSpan();
        if (!span.Contains('@'))
        {
            return text;
        }

        StringBuilder? builder = null;
        var copied = 0;
        var from = 0;
        while (from < span.Length && span[from..].IndexOf("://", StringComparison.Ordinal) is var found and >= 0)
        {
            var start = from + found + 3;
            var length = span[start..].IndexOfAny(AuthorityEnds);
            var authority = length < 0 ? span[start..] : span.Slice(start, length);
            var at = authority.LastIndexOf('@');
            if (at > 0 && !authority[..at].SequenceEqual(Mask))
            {
                builder ??= new StringBuilder(text.Length);
                builder.Append(span[copied..start]).Append(Mask);
                copied = start + at;
            }

            from = start + authority.Length;
        }

        return builder is null ? text : builder.Append(span[copied..]).ToString();
    }

    private string RedactParameters(string text)
    {
        var span = text.AsSpan();
        StringBuilder? builder = null;
        var copied = 0;
        var at = span.IndexOfAny(ParameterStarts);
        while (at >= 0)
        {
            var nameStart = at + 1;
            var nameLength = span[nameStart..].IndexOfAny(NameEnds);
            var nameEnd = nameLength < 0 ? span.Length : nameStart + nameLength;
            var next = nameEnd;
            if (nameEnd > nameStart && nameEnd < span.Length && span[nameEnd] == '=' && IsCredential(span[nameStart..nameEnd]))
            {
                var valueStart = nameEnd + 1;
                var valueEnd = ValueEnd(span, valueStart);
                if (valueEnd > valueStart && !span[valueStart..valueEnd].SequenceEqual(Mask))
                {
                    builder ??= new StringBuilder(text.Length);
                    builder.Append(span[copied..valueStart]).Append(Mask);
                    copied = valueEnd;
                }

                next = valueEnd;
            }

            var rest = next < span.Length ? span[next..].IndexOfAny(ParameterStarts) : -1;
            at = rest < 0 ? -1 : next + rest;
        }

        return builder is null ? text : builder.Append(span[copied..]).ToString();
    }

    /// <summary>Where a parameter's value ends; a template placeholder (<c>{{ vars.key }}</c>) counts as one piece, spaces and all.</summary>
    private static int ValueEnd(ReadOnlySpan<char> span, int start)
    {
        var i = start;
        while (i < span.Length)
        {
            if (span[i] == '{' && i + 1 < span.Length && span[i + 1] == '{')
            {
                var close = span[(i + 2)..].IndexOf("}}", StringComparison.Ordinal);
                i = close < 0 ? span.Length : i + 2 + close + 2;
                continue;
            }

            if (ValueEnds.Contains(span[i]))
            {
                break;
            }

            i++;
        }

        return i;
    }
}
