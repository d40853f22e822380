using System.CommandLine;
using Stampede.Cli.Hosting;
using Stampede.Cli.Outputs;
using Stampede.Metrics;
using Stampede.Outputs;
using Stampede.Plans;

namespace Stampede.Cli.Commands;

/// <summary>
/// <c>stampede merge part-*.json -o result.json</c>: combines the results of one plan's segments, run on several
/// machines with <c>--segment</c>, into the result of the whole run, with its thresholds judged again on the merged
/// values; every report can be made from it as from any result.
/// </summary>
internal static class MergeCommand
{
    public static Command Create(IConsoleHost host)
    {
        var inputs = new Argument<string[]>("results") { Description = "The segments' result files (--out json=FILE), or a pattern such as part-*.json.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "The merged result to write.", DefaultValueFactory = _ => "merged.json" };
        var outs = new Option<string[]>("--out") { Description = "Also write a report from the merged result, KIND=FILE: html, markdown, junit, csv, summary. Repeatable." };
        var noSummary = new Option<bool>("--no-summary") { Description = "Do not print the merged result's summary." };
        var command = new Command("merge", "Merge the results of a plan's segments (stampede run --segment) into one result, as if one machine had run it all.") { inputs, output, outs, noSummary };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var errors = new List<PlanError>();
            var files = Expand(parse.GetValue(inputs) ?? [], errors);
            var parts = new List<(string File, RunResult Result)>();
            foreach (var file in files)
            {
                try
                {
                    parts.Add((file, RunResultJson.Deserialize(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false))));
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
                {
                    errors.Add(new PlanError(file, exception.Message));
                }
            }

            var writers = new List<(string Spec, IOutput Output)>();
            foreach (var spec in parse.GetValue(outs) ?? [])
            {
                if (SegmentMerge.ReportWriter(spec, json: false, errors) is { } writer)
                {
                    writers.Add((spec, writer));
                }
            }

            var (merged, mergeErrors, warnings) = errors.Count == 0 ? SegmentMerge.Merge(parts) : (null, [], []);
            errors.AddRange(mergeErrors);
            if (errors.Count > 0 || merged is null)
            {
                ErrorReport.Write(host.Error, errors);
                return ExitCodes.BadInput;
            }

            ErrorReport.WriteWarnings(host.Error, warnings);
            var failures = new List<string>();
            var target = parse.GetValue(output)!;
            foreach (var (spec, writer) in writers.Prepend(($"json={target}", new JsonResultOutput(target))))
            {
                await new GuardedOutput(writer, spec, failures).EndAsync(merged, cancellationToken).ConfigureAwait(false);
            }

            if (!parse.GetValue(noSummary))
            {
                await host.Out.WriteAsync(new ConsoleSummary(host.ColorAllowed).Render(merged)).ConfigureAwait(false);
            }

            host.Out.WriteLine($"merged {parts.Count} results ({string.Join(", ", merged.Meta.Segments!.Select(s => s.Segment))}) into {target}");
            foreach (var failure in failures)
            {
                host.Error.WriteLine($"error: {failure}");
            }

            return failures.Count > 0 ? ExitCodes.Failure : merged.Passed ? ExitCodes.Ok : ExitCodes.ThresholdsFailed;
        });
        return command;
    }

    /// <summary>Patterns such as <c>part-*.json</c> are expanded here too, for shells (and callers) that pass them on as typed.</summary>
    private static List<string> Expand(IReadOnlyList<string> inputs, List<PlanError> errors)
    {
        var files = new List<string>();
        foreach (var input in inputs)
        {
            if (input.IndexOfAny(['*', '?']) < 0)
            {
                files.Add(input);
                continue;
            }

            var folder = Path.GetDirectoryName(input) is { Length: > 0 } directory ? directory : ".";
            var matches = Directory.Exists(folder) ? Directory.GetFiles(folder, Path.GetFileName(input)).Order(StringComparer.Ordinal).ToList() : [];
            if (matches.Count == 0)
            {
                errors.Add(new PlanError(input, "no file matches this pattern"));
            }

            files.AddRange(matches);
        }

        if (files.Count == 0 && errors.Count == 0)
        {
            errors.Add(new PlanError("merge", "give the segments' result files to merge"));
        }

        return files;
    }
}
