using System.CommandLine;
using Stampede.Cli.Hosting;
using Stampede.Yaml.Schema;

namespace Stampede.Cli.Commands;

/// <summary><c>stampede schema</c>: prints the JSON Schema of plan files, for editors (e.g. a yaml-language-server modeline).</summary>
internal static class SchemaCommand
{
    public static Command Create(IConsoleHost host)
    {
        var command = new Command("schema", "Print the JSON Schema (draft 2020-12) of plan files, for editor completion.");
        command.SetAction(_ =>
        {
            host.Out.WriteLine(PlanSchema.Json);
            return ExitCodes.Ok;
        });
        return command;
    }
}
