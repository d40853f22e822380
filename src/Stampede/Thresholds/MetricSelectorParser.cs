using System.Text;

namespace Stampede.Thresholds;

/// <summary>
/// Scanner for <c>name{key:value,...}</c>. Unlike k6, which splits on ',' and ':' before it trims quotes, a quoted
/// value may contain ',' and '}' (<c>url:"/a,b"</c>); unquoted values may contain anything but ',' and '}'.
/// </summary>
internal static class MetricSelectorParser
{
    private const string What = "selector";

    public static ThresholdParseResult<MetricSelector> Parse(string? text)
    {
        text ??= string.Empty;
        var pos = SkipSpaces(text, 0);
        if (pos >= text.Length || !(char.IsAsciiLetter(text[pos]) || text[pos] == '_'))
        {
            return Fail($"expected a metric name (a letter or '_' first) at column {pos}, found {FoundText.At(text, pos, What)}", pos);
        }

        var nameStart = pos;
        while (pos < text.Length && IsNameChar(text[pos]))
        {
            pos++;
        }

        var name = text[nameStart..pos];
        var filters = new List<TagFilter>();
        if (pos < text.Length && text[pos] == '{')
        {
            var error = ParseFilters(text, ref pos, filters);
            if (error is not null)
            {
                return ThresholdParseResult<MetricSelector>.Failure(error.Message, error.Column);
            }
        }

        var trailing = SkipSpaces(text, pos);
        if (trailing < text.Length)
        {
            // Report the first odd character where it is, even after spaces: 'http_req_duration {a:b}' points at the space.
            var message = filters.Count == 0
                ? $"unexpected '{text[pos]}' in the metric name at column {pos}: metric names use letters, digits, '_' and '.', then optional {{key:value}} filters"
                : $"unexpected {FoundText.At(text, trailing, What)} after '}}' at column {trailing}: the tag filters end the selector";
            return Fail(message, filters.Count == 0 ? pos : trailing);
        }

        return ThresholdParseResult<MetricSelector>.Success(new MetricSelector(name, filters));
    }

    /// <summary>Parses from '{' to its '}' inclusive.</summary>
    private static ThresholdSyntaxError? ParseFilters(string text, ref int pos, List<TagFilter> filters)
    {
        var open = pos;
        pos++;
        ThresholdSyntaxError Unclosed() =>
            new($"expected '}}' to close the '{{' at column {open}, found the end of the selector", text.Length);

        if (SkipSpaces(text, pos) is var first && first < text.Length && text[first] == '}')
        {
            return new($"expected a tag filter (key:value) inside '{{}}' at column {first}, found '}}'", first);
        }

        while (true)
        {
            var keyStart = SkipSpaces(text, pos);
            if (keyStart >= text.Length)
            {
                return Unclosed();
            }

            var key = ReadPart(text, ref pos, isKey: true, out var keyQuoted, out var error);
            if (error is not null)
            {
                return error;
            }

            if (key.Length == 0 && !keyQuoted)
            {
                return new($"empty tag key at column {keyStart}, found {FoundText.At(text, keyStart, What)}: expected key:value", keyStart);
            }

            if (pos >= text.Length || text[pos] != ':')
            {
                return new($"expected ':' after the tag key '{key}' at column {pos}, found {FoundText.At(text, pos, What)}", pos);
            }

            pos++;
            var valueStart = SkipSpaces(text, pos);
            var value = ReadPart(text, ref pos, isKey: false, out var valueQuoted, out error);
            if (error is not null)
            {
                return error;
            }

            if (value.Length == 0 && !valueQuoted)
            {
                return new($"expected a value after '{key}:' at column {valueStart}, found {FoundText.At(text, valueStart, What)}", valueStart);
            }

            if (filters.Exists(f => f.Key == key))
            {
                return new($"tag '{key}' at column {keyStart} is filtered twice: a sample has one value per tag", keyStart);
            }

            filters.Add(new TagFilter(key, value));
            if (pos >= text.Length)
            {
                return Unclosed();
            }

            if (text[pos] == '}')
            {
                pos++;
                return null;
            }

            if (text[pos] != ',')
            {
                return new($"expected ',' or '}}' after the value of '{key}' at column {pos}, found {FoundText.At(text, pos, What)}", pos);
            }

            pos++;
        }
    }

    /// <summary>
    /// Reads a trimmed key (up to ':', ',' or '}') or value (up to ',' or '}'), or a quoted one with \" and \\
    /// escapes; leaves <paramref name="pos"/> on the terminator (or the first non-space after a closing quote).
    /// </summary>
    private static string ReadPart(string text, ref int pos, bool isKey, out bool quoted, out ThresholdSyntaxError? error)
    {
        error = null;
        pos = SkipSpaces(text, pos);
        quoted = pos < text.Length && text[pos] is '"' or '\'';
        if (quoted)
        {
            var quote = text[pos];
            var quoteAt = pos;
            var builder = new StringBuilder();
            for (pos++; pos < text.Length && text[pos] != quote; pos++)
            {
                if (text[pos] == '\\' && pos + 1 < text.Length)
                {
                    pos++;
                }

                builder.Append(text[pos]);
            }

            if (pos >= text.Length)
            {
                error = new($"expected a closing {quote} for the quote at column {quoteAt}, found the end of the selector", text.Length);
                return string.Empty;
            }

            pos = SkipSpaces(text, pos + 1);
            return builder.ToString();
        }

        var start = pos;
        for (; pos < text.Length && text[pos] is not (',' or '}') && !(isKey && text[pos] == ':'); pos++)
        {
            if (isKey && text[pos] == '{')
            {
                error = new($"unexpected '{{' in a tag key at column {pos}", pos);
                return string.Empty;
            }
        }

        return text[start..pos].Trim();
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.';

    private static int SkipSpaces(string text, int pos)
    {
        while (pos < text.Length && char.IsWhiteSpace(text[pos]))
        {
            pos++;
        }

        return pos;
    }

    private static ThresholdParseResult<MetricSelector> Fail(string message, int column) =>
        ThresholdParseResult<MetricSelector>.Failure(message, column);
}
