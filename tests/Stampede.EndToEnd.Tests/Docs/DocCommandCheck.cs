using System.CommandLine;
using Stampede.Cli;

namespace Stampede.EndToEnd.Tests.Docs;

/// <summary>
/// Parses a documented command line with the real command-line parser, the one <c>stampede</c> and a C# plan's
/// <c>plan.RunAsync(args)</c> use, and returns its errors: unknown commands and options, missing arguments,
/// values of the wrong type. Nothing runs. An inline fragment is held only to the names it shows: its command and
/// every option it names must exist.
/// </summary>
internal static class DocCommandCheck
{
    public static IReadOnlyList<string> Errors(DocCommandLine line)
    {
        if (line.Inline)
        {
            return UnknownNames(StampedeCli.CreateRootCommand(new TestConsoleHost()), line.Arguments);
        }

        RootCommand command = line.Program switch
        {
            DocProgram.Stampede => StampedeCli.CreateRootCommand(new TestConsoleHost()),
            _ => TestPlanRunExtensions.CreateCommand("plan", new RunOptions()),
        };
        return [.. command.Parse([.. line.Arguments]).Errors.Select(e => e.Message)];
    }

    private static List<string> UnknownNames(RootCommand root, IReadOnlyList<string> words)
    {
        Command command = root;
        var i = 0;
        while (i < words.Count && command.Subcommands.FirstOrDefault(c => c.Name == words[i]) is { } subcommand)
        {
            command = subcommand;
            i++;
        }

        if (command == root && words.Count > 0 && !words[0].StartsWith('-'))
        {
            return [$"'{words[0]}' is not a stampede command"];
        }

        var errors = new List<string>();
        var names = command.Options.Concat(root.Options).SelectMany(o => o.Aliases.Prepend(o.Name)).ToHashSet();
        foreach (var word in words.Skip(i).Where(w => w.StartsWith('-') && w.TrimStart('-').Length > 0 && !w.StartsWith("-…", StringComparison.Ordinal)))
        {
            var name = word.Split('=')[0];
            if (!names.Contains(name))
            {
                errors.Add($"'{name}' is not an option of {(command == root ? "stampede" : $"stampede {command.Name}")}");
            }
        }

        return errors;
    }
}
