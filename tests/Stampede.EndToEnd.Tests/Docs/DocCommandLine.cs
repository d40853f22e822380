using System.Text.RegularExpressions;

namespace Stampede.EndToEnd.Tests.Docs;

/// <summary>
/// A command line a document shows, where it shows it, and the arguments after the program's name. An
/// <see cref="Inline"/> one is a code span in prose (<c>`stampede drift last --fail-on-drift`</c>), often a
/// fragment that names a command and its options without their values.
/// </summary>
internal sealed partial record DocCommandLine(string File, int Line, string Text, DocProgram Program, IReadOnlyList<string> Arguments, bool Inline = false)
{
    public override string ToString() => $"{File}:{Line}: {Text}";

    /// <summary>
    /// The command lines in a Markdown file's fenced code blocks: lines joined at a trailing backslash, then every
    /// line whose first command is <c>stampede</c>, <c>./stampede</c> or <c>dotnet run FILE.cs -- …</c>.
    /// </summary>
    public static IReadOnlyList<DocCommandLine> FromMarkdown(string file, string markdown) =>
        [.. MarkdownFence.ReadAll(markdown).SelectMany(fence => FromLines(file, fence.FirstLine, fence.Lines))];

    /// <summary>The code spans outside fenced blocks that start with <c>stampede </c> or <c>./stampede </c>.</summary>
    public static IReadOnlyList<DocCommandLine> InlineFromMarkdown(string file, string markdown)
    {
        var fenced = new HashSet<int>();
        foreach (var fence in MarkdownFence.ReadAll(markdown))
        {
            // The opening and closing fence lines too.
            fenced.UnionWith(Enumerable.Range(fence.FirstLine - 1, fence.Lines.Count + 2));
        }

        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var found = new List<DocCommandLine>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (fenced.Contains(i + 1))
            {
                continue;
            }

            foreach (Match span in InlineCommand().Matches(lines[i]))
            {
                var words = ShellWords.FirstCommand(span.Groups["command"].Value);
                found.Add(new DocCommandLine(file, i + 1, span.Groups["command"].Value, DocProgram.Stampede, [.. words.Skip(1)], Inline: true));
            }
        }

        return found;
    }

    /// <summary>
    /// The command lines of a CI workflow or script: every line, once a list dash and a <c>run:</c> key are taken
    /// off, so both <c>run: stampede …</c> and the lines of a <c>run: |</c> block count. GitHub's <c>${{ … }}</c>
    /// expressions stand for one word.
    /// </summary>
    public static IReadOnlyList<DocCommandLine> FromScript(string file, string script)
    {
        var lines = script.ReplaceLineEndings("\n").Split('\n')
            .Select(line => WorkflowExpression().Replace(RunKey().Replace(line, ""), "X"))
            .ToList();
        return FromLines(file, 1, lines);
    }

    private static List<DocCommandLine> FromLines(string file, int firstLine, IReadOnlyList<string> lines)
    {
        var found = new List<DocCommandLine>();
        for (var i = 0; i < lines.Count; i++)
        {
            var start = i;
            var text = lines[i].Trim();
            while (text.EndsWith('\\') && i + 1 < lines.Count)
            {
                text = text[..^1] + " " + lines[++i].Trim();
            }

            var words = ShellWords.FirstCommand(text);
            if (words.Count > 0 && words[0] is "stampede" or "./stampede")
            {
                found.Add(new DocCommandLine(file, firstLine + start, text, DocProgram.Stampede, [.. words.Skip(1)]));
            }
            else if (words.Count > 3 && words[0] == "dotnet" && words[1] == "run" && words[2].EndsWith(".cs", StringComparison.Ordinal))
            {
                var separator = words.ToList().IndexOf("--");
                found.Add(new DocCommandLine(file, firstLine + start, text, DocProgram.CSharpPlan, separator < 0 ? [] : [.. words.Skip(separator + 1)]));
            }
        }

        return found;
    }

    [GeneratedRegex(@"`(?<command>(\./)?stampede [^`]+)`")]
    private static partial Regex InlineCommand();

    [GeneratedRegex(@"^\s*(-\s+)?run:\s*")]
    private static partial Regex RunKey();

    [GeneratedRegex(@"\$\{\{.*?\}\}")]
    private static partial Regex WorkflowExpression();
}
