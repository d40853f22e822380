using System.CommandLine;
using Stampede.Cli.Hosting;
using Stampede.K6.Conversion;

namespace Stampede.Cli.Commands;

/// <summary>
/// <c>stampede convert k6 script.js -o plan.yaml</c>: writes the YAML plan that says what the script says; each
/// construct a plan cannot say is a comment in the plan and a warning here. A script that does not parse exits 2.
/// </summary>
internal static class ConvertCommand
{
    public static Command Create(IConsoleHost host)
    {
        var script = new Argument<string>("script") { Description = "The k6 script to convert (its local imports are followed)." };
        var output = new Option<string?>("--output", "-o") { Description = "Where to write the plan (default: standard output)." };
        var k6 = new Command("k6", "Convert a k6 script into a YAML plan; what cannot be converted is a comment in the plan and a warning.") { script, output };
        k6.SetAction(async (parse, cancellation) =>
        {
            var file = parse.GetValue(script)!;
            var conversion = K6ScriptConverter.Convert(file);
            if (!conversion.Succeeded)
            {
                ErrorReport.Write(host.Error, conversion.Errors);
                return ExitCodes.BadInput;
            }

            foreach (var note in conversion.Notes)
            {
                host.Error.WriteLine($"warning: {note}");
            }

            if (parse.GetValue(output) is { } path)
            {
                if (!await OutputFile.WriteAsync(host, path, conversion.Yaml, null).ConfigureAwait(false))
                {
                    return ExitCodes.BadInput;
                }

                var left = conversion.Notes.Count switch { 0 => "everything converted", 1 => "1 construct not converted", var n => $"{n} constructs not converted" };
                host.Error.WriteLine($"{file} → {path} ({left})");
            }
            else
            {
                host.Out.Write(conversion.Yaml);
            }

            return ExitCodes.Ok;
        });
        return new Command("convert", "Convert a script of another tool into a YAML plan.") { k6 };
    }
}
