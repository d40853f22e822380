namespace Stampede.EndToEnd.Tests.Docs;

/// <summary>A fenced code block of a Markdown file: its info string (```sh → "sh"), the 1-based line of its first content line, and its lines.</summary>
internal sealed record MarkdownFence(string Info, int FirstLine, IReadOnlyList<string> Lines)
{
    /// <summary>Every fenced block, in order. Fences may be indented (inside list items); an unclosed block runs to the end.</summary>
    public static IReadOnlyList<MarkdownFence> ReadAll(string markdown)
    {
        var fences = new List<MarkdownFence>();
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        string? marker = null;
        var info = "";
        var first = 0;
        var body = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].TrimStart();
            if (marker is null)
            {
                if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
                {
                    marker = trimmed[..3];
                    info = trimmed[3..].Trim();
                    first = i + 2;
                    body = [];
                }
            }
            else if (trimmed.StartsWith(marker, StringComparison.Ordinal) && trimmed.TrimEnd() == new string(marker[0], trimmed.TrimEnd().Length))
            {
                fences.Add(new MarkdownFence(info, first, body));
                marker = null;
            }
            else
            {
                body.Add(lines[i]);
            }
        }

        if (marker is not null)
        {
            fences.Add(new MarkdownFence(info, first, body));
        }

        return fences;
    }
}
