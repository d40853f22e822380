namespace Stampede.Thresholds;

/// <summary>Quotes what a parser found where it expected something else, for error messages.</summary>
internal static class FoundText
{
    /// <summary>
    /// A run of letters and digits starting at <paramref name="position"/> (so 'p95' reads as one word), a single
    /// other character, or "the end of the {what}".
    /// </summary>
    public static string At(string text, int position, string what)
    {
        if (position >= text.Length)
        {
            return $"the end of the {what}";
        }

        var end = position;
        while (end < text.Length && IsWordChar(text[end]))
        {
            end++;
        }

        return end == position ? $"'{text[position]}'" : $"'{text[position..end]}'";
    }

    public static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_' || c == 'µ';
}
