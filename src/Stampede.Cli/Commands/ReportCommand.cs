using System.CommandLine;
using Stampede.Cli.Hosting;
using Stampede.Metrics;
using Stampede.Outputs;
using Stampede.Plans;

namespace Stampede.Cli.Commands;

/// <summary>
/// <c>stampede report RESULT.json -o report.html</c>: turns a saved result into a report without running anything.
/// The format follows the output's extension (.html, .md, .xml for JUnit) unless <c>--format</c> names it.
/// </summary>
internal static class ReportCommand
{
    public static readonly IReadOnlyList<string> Formats = ["html", "markdown", "junit"];

    public static Command Create(IConsoleHost host)
    {
        var input = new Argument<string>("result") { Description = "A result JSON written by --out json=FILE." };
        var output = new Option<string?>("--output", "-o") { Description = "The file to write (default: the result's name with .html)." };
        var format = new Option<string?>("--format", "-f") { Description = "html, markdown or junit (default: from the output's extension, else html)." };
        var command = new Command("report", "Turn a saved result into an HTML report (or Markdown, JUnit XML).") { input, output, format };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(input)!;
            var target = parse.GetValue(output);
            var kind = parse.GetValue(format) ?? KindOf(target) ?? "html";
            if (!Formats.Contains(kind))
            {
                var suggestion = NameSuggestion.Closest(kind, Formats);
                ErrorReport.Write(host.Error, [new PlanError("--format", $"unknown format '{kind}': expected one of {string.Join(", ", Formats)}" + (suggestion is null ? "" : $" (did you mean '{suggestion}'?)"))]);
                return ExitCodes.BadInput;
            }

            target ??= Path.ChangeExtension(path, kind switch { "markdown" => ".md", "junit" => ".xml", _ => ".html" });
            RunResult result;
            try
            {
                result = RunResultJson.Deserialize(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
            {
                ErrorReport.Write(host.Error, [new PlanError(path, exception.Message)]);
                return ExitCodes.BadInput;
            }

            IOutput writer = kind switch
            {
                "markdown" => new MarkdownSummaryOutput(target),
                "junit" => new JUnitOutput(target),
                _ => new HtmlReportOutput(target),
            };
            await writer.EndAsync(result, cancellationToken).ConfigureAwait(false);
            host.Out.WriteLine($"report: {target}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string? KindOf(string? path) => Path.GetExtension(path)?.ToLowerInvariant() switch
    {
        ".html" or ".htm" => "html",
        ".md" or ".markdown" => "markdown",
        ".xml" => "junit",
        _ => null,
    };
}
