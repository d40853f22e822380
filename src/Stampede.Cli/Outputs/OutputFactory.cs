using Stampede.Outputs;
using Stampede.Plans;

namespace Stampede.Cli.Outputs;

/// <summary>The one place <c>--out KIND=TARGET</c> specs become outputs.</summary>
internal static class OutputFactory
{
    public static readonly IReadOnlyList<string> Kinds = ["json", "summary", "html", "junit", "markdown", "csv", "ndjson"];

    public static IOutput? Create(string spec, List<PlanError> errors)
    {
        var equals = spec.IndexOf('=', StringComparison.Ordinal);
        var kind = equals < 0 ? spec : spec[..equals];
        var target = equals < 0 ? "" : spec[(equals + 1)..];
        if (target.Length == 0)
        {
            errors.Add(new PlanError("--out", $"expected KIND=FILE (e.g. json=result.json), found '{spec}'"));
            return null;
        }

        switch (kind)
        {
            case "json":
                return new JsonResultOutput(target);
            case "summary":
                return new SummaryFileOutput(target);
            case "html":
                return new HtmlReportOutput(target);
            case "junit":
                return new JUnitOutput(target);
            case "markdown":
                return new MarkdownSummaryOutput(target);
            case "csv":
                return new LocustCsvOutput(target);
            case "ndjson":
                return new NdjsonOutput(target);
            default:
                var suggestion = NameSuggestion.Closest(kind, Kinds);
                errors.Add(new PlanError("--out", $"unknown output '{kind}': expected one of {string.Join(", ", Kinds)}" + (suggestion is null ? "" : $" (did you mean '{suggestion}'?)")));
                return null;
        }
    }
}
