using System.CommandLine;
using Stampede.Cli;

namespace Stampede.EndToEnd.Tests.Docs;

/// <summary>
/// Parses a documented command line with the real command-line parser, the one <c>stampede</c> and a C# plan's
/// <c>plan.RunAsync(args)</c> use, and returns its errors: unknown commands and options, missing arguments,
/// values of the wrong type. Nothing runs.
/// </summary>
internal static class DocCommandCheck
{
    public static IReadOnlyList<string> Errors(DocCommandLine line)
    {
        RootCommand command = line.Program switch
        {
            DocProgram.Stampede => StampedeCli.CreateRootCommand(new TestConsoleHost()),
            _ => TestPlanRunExtensions.CreateCommand("plan", new RunOptions()),
        };
        return [.. command.Parse([.. line.Arguments]).Errors.Select(e => e.Message)];
    }
}
