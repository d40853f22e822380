using System.Text;

namespace Stampede.EndToEnd.Tests.Docs;

/// <summary>
/// The words of the first simple command on a shell line, the way a POSIX shell splits them: quotes and backslashes
/// honoured, leading <c>NAME=value</c> assignments dropped, and everything from a comment, a pipe, a redirection,
/// <c>&amp;&amp;</c>, <c>||</c>, <c>;</c> or a background <c>&amp;</c> on left out. Enough for the command lines docs show; no expansion.
/// </summary>
internal static class ShellWords
{
    public static IReadOnlyList<string> FirstCommand(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\'')
            {
                var end = line.IndexOf('\'', i + 1);
                end = end < 0 ? line.Length : end;
                word.Append(line, i + 1, end - i - 1);
                inWord = true;
                i = end;
            }
            else if (c == '"')
            {
                for (i++; i < line.Length && line[i] != '"'; i++)
                {
                    if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] is '"' or '\\' or '$' or '`')
                    {
                        i++;
                    }

                    word.Append(line[i]);
                }

                inWord = true;
            }
            else if (c == '\\' && i + 1 < line.Length)
            {
                word.Append(line[++i]);
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                EndWord();
            }
            else if (c is '|' or '&' or ';' or '>' or '<' || (c == '#' && !inWord))
            {
                // A redirection written as 2>file ends the command with its file descriptor still in the word.
                if (c is '>' or '<' && inWord && word.ToString().All(char.IsAsciiDigit))
                {
                    word.Clear();
                    inWord = false;
                }

                break;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        EndWord();
        return [.. words.SkipWhile(IsAssignment)];

        void EndWord()
        {
            if (inWord)
            {
                words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
        }
    }

    private static bool IsAssignment(string word)
    {
        var equals = word.IndexOf('=', StringComparison.Ordinal);
        return equals > 0 && (char.IsAsciiLetter(word[0]) || word[0] == '_') && word[..equals].All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
    }
}
