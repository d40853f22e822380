using Stampede.Outputs;
using Stampede.Plans;

namespace Stampede.Cli.Outputs;

/// <summary>The one place <c>--out KIND=TARGET</c> specs become outputs.</summary>
internal static class OutputFactory
{
    public static readonly IReadOnlyList<string> Kinds = ["json", "summary", "html", "junit", "markdown", "csv", "ndjson", "prometheus", "pushgateway", "otlp"];

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
                const string samplesOption = "?samples=true";
                return target.EndsWith(samplesOption, StringComparison.Ordinal)
                    ? new NdjsonOutput(target[..^samplesOption.Length], samples: true)
                    : new NdjsonOutput(target);
            case "prometheus":
                var prometheus = PrometheusOutput.Parse(target, out var error);
                if (prometheus is null)
                {
                    errors.Add(new PlanError("--out prometheus", error!));
                }

                return prometheus;
            case "pushgateway":
                return Endpoint(kind, target, errors, (uri, query) =>
                    new PushgatewayOutput(uri, Interval(query, errors, kind), query.GetValueOrDefault("job") ?? "stampede", query.GetValueOrDefault("instance")));
            case "otlp":
                return Endpoint(kind, target, errors, (uri, query) => new OtlpOutput(uri, Interval(query, errors, kind)));
            default:
                var suggestion = NameSuggestion.Closest(kind, Kinds);
                errors.Add(new PlanError("--out", $"unknown output '{kind}': expected one of {string.Join(", ", Kinds)}" + (suggestion is null ? "" : $" (did you mean '{suggestion}'?)")));
                return null;
        }
    }

    /// <summary>A URL with options in its query (<c>?interval=5s&amp;job=x</c>), which are not sent to the server.</summary>
    private static IOutput? Endpoint(string kind, string target, List<PlanError> errors, Func<Uri, Dictionary<string, string>, IOutput> create)
    {
        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add(new PlanError("--out " + kind, $"expected an http(s) URL, found '{target}'"));
            return null;
        }

        var query = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => Uri.UnescapeDataString(pair[0]), pair => pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : "", StringComparer.Ordinal);
        var bare = new UriBuilder(uri) { Query = "" }.Uri;
        return create(bare, query);
    }

    private static TimeSpan? Interval(Dictionary<string, string> query, List<PlanError> errors, string kind)
    {
        if (!query.TryGetValue("interval", out var text))
        {
            return null;
        }

        if (Duration.TryParse(text, out var interval, out var error) && interval > TimeSpan.Zero)
        {
            return interval;
        }

        errors.Add(new PlanError("--out " + kind, $"interval: {error ?? "must be positive"}"));
        return null;
    }
}
