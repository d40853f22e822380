using Stampede.Cli.Outputs;
using Stampede.Metrics;
using Stampede.Outputs;
using Stampede.Plans;
using Stampede.Thresholds;

namespace Stampede.Cli.Commands;

/// <summary>
/// How the results of one plan's segments become the result of the whole run, for <c>stampede merge</c> (parts read
/// from files) and <c>stampede coordinate</c> (parts sent by its workers) alike: the parts must be of one plan and
/// must not overlap; the merged thresholds are judged again on the merged values.
/// </summary>
internal static class SegmentMerge
{
    /// <summary>The merged result, or the errors that refuse the merge; warnings name the shares no part covers.</summary>
    /// <param name="parts">Each part's name (its file, or its worker) and its result.</param>
    public static (RunResult? Merged, IReadOnlyList<PlanError> Errors, IReadOnlyList<PlanError> Warnings) Merge(IReadOnlyList<(string Name, RunResult Result)> parts)
    {
        var errors = SamePlan(parts).ToList();
        var coverage = errors.Count == 0 ? ExecutionSegmentCoverage.Of([.. parts.Select(p => (p.Name, p.Result.Meta.Segment))]) : null;
        errors.AddRange(coverage?.Errors ?? []);
        if (errors.Count > 0 || coverage is null)
        {
            return (null, errors, []);
        }

        var ordered = parts.OrderBy(p => ExecutionSegment.Parse(p.Result.Meta.Segment ?? "").From).Select(p => p.Result).ToList();
        var merged = RunResultMerge.Merge(ordered);
        merged = merged with
        {
            Meta = merged.Meta with { Segment = coverage.Covered is { IsWhole: false } covered ? covered.ToString() : null },
            Thresholds = MergedThresholds.Judge(merged, ordered),
        };
        return (merged, [], coverage.Warnings);
    }

    /// <summary>A report to write from a merged result; live outputs (ndjson, Prometheus, OTLP) have nothing to do after the run.</summary>
    public static IOutput? ReportWriter(string spec, bool json, List<PlanError> errors)
    {
        if ((!json && spec.StartsWith("json=", StringComparison.Ordinal)) || spec.Split('=')[0] is "ndjson" or "prometheus" or "pushgateway" or "otlp")
        {
            errors.Add(new PlanError("--out", $"'{spec}': a merged result is written with {(json ? "json" : "-o")}, and reports with html, markdown, junit, csv or summary"));
            return null;
        }

        return OutputFactory.Create(spec, errors);
    }

    /// <summary>Parts of one run are results of one plan: the same name, scenarios and thresholds.</summary>
    private static IEnumerable<PlanError> SamePlan(IReadOnlyList<(string Name, RunResult Result)> parts)
    {
        if (parts.Count == 0)
        {
            yield break;
        }

        var (firstFile, first) = parts[0];
        static string Scenarios(RunResult r) => string.Join(", ", r.Scenarios.Select(s => $"{s.Name} ({s.Executor})").Order(StringComparer.Ordinal));
        static string Thresholds(RunResult r) => string.Join(", ", r.Thresholds.Select(t => $"{t.Metric}: {t.Expression}").Order(StringComparer.Ordinal));
        foreach (var (file, result) in parts.Skip(1))
        {
            if (result.Meta.Plan != first.Meta.Plan)
            {
                yield return new PlanError(file, $"is a result of plan '{result.Meta.Plan}', but {firstFile} is of plan '{first.Meta.Plan}': only segments of one plan merge");
            }
            else if (Scenarios(result) != Scenarios(first))
            {
                yield return new PlanError(file, $"has scenarios {Scenarios(result)}, but {firstFile} has {Scenarios(first)}: only segments of one plan merge");
            }
            else if (Thresholds(result) != Thresholds(first))
            {
                yield return new PlanError(file, $"has thresholds [{Thresholds(result)}], but {firstFile} has [{Thresholds(first)}]: run every segment with the same thresholds");
            }
        }
    }
}
