using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Stampede.History.Comparison;

/// <summary>
/// Tolerance bands per metric and figure, e.g. <c>http_req_duration: { p95: "+10%", p99: "+15%" }</c>. A key may
/// select a tagged series (<c>http_req_duration{name:checkout}</c>); the most specific matching key applies.
/// </summary>
public sealed record RegressionRules(IReadOnlyList<RegressionRule> Rules)
{
    /// <summary>
    /// Used when none are given: <c>http_req_duration</c> p95 +10% and p99 +15%, <c>http_req_failed</c> rate +0.5pp,
    /// <c>http_reqs</c> rate −10%.
    /// </summary>
    public static RegressionRules Default { get; } = new(
    [
        new("http_req_duration", new Dictionary<string, string>(), "p95", new Tolerance(10, ToleranceUnit.Percent, true)),
        new("http_req_duration", new Dictionary<string, string>(), "p99", new Tolerance(15, ToleranceUnit.Percent, true)),
        new("http_req_failed", new Dictionary<string, string>(), "rate", new Tolerance(0.5, ToleranceUnit.PercentagePoints, true)),
        new("http_reqs", new Dictionary<string, string>(), "rate", new Tolerance(10, ToleranceUnit.Percent, false)),
    ]);

    /// <summary>
    /// Reads rules from YAML or JSON text: a map of metric → figure → tolerance, optionally under a top-level
    /// <c>regressions:</c> key (so a plan file's section can be read as is). Problems are added to <paramref name="errors"/>.
    /// </summary>
    public static RegressionRules Parse(string text, List<string> errors)
    {
        // The representation model, not the object deserializer: it needs no reflection, so it works under NativeAOT.
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException exception)
        {
            errors.Add($"line {exception.Start.Line}: {exception.InnerException?.Message ?? exception.Message}");
            return new RegressionRules([]);
        }

        var root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        if (root is YamlScalarNode { Value: null or "" or "~" or "null" } || root is null)
        {
            return new RegressionRules([]);
        }

        if (root is not YamlMappingNode metrics)
        {
            errors.Add($"line {root.Start.Line}: expected a map of metric to figures, e.g. http_req_duration: {{ p95: \"+10%\" }}");
            return new RegressionRules([]);
        }

        if (metrics.Children.Count == 1 && metrics.Children.First() is { Key: YamlScalarNode { Value: "regressions" }, Value: YamlMappingNode nested })
        {
            metrics = nested;
        }

        var rules = new List<RegressionRule>();
        foreach (var (keyNode, value) in metrics.Children)
        {
            var key = Text(keyNode);
            if (value is not YamlMappingNode figures)
            {
                errors.Add($"{key}: expected a map of figure to tolerance, e.g. {{ p95: \"+10%\" }}");
                continue;
            }

            var (metric, tags) = ParseSelector(key);
            foreach (var (figureNode, toleranceValue) in figures.Children)
            {
                var figureKey = Text(figureNode);
                var figure = Aggregation.Normalize(figureKey);
                if (figure is null)
                {
                    errors.Add($"{key}.{figureKey}: unknown figure; use one of {string.Join(", ", Aggregation.Names)}");
                    continue;
                }

                if (Tolerance.Parse(Text(toleranceValue), out var error) is { } tolerance)
                {
                    rules.Add(new RegressionRule(metric, tags, figure, tolerance));
                }
                else
                {
                    errors.Add($"{key}.{figureKey}: {error}");
                }
            }
        }

        return new RegressionRules(rules);
    }

    private static string Text(YamlNode node) => node is YamlScalarNode { Value: { } value } ? value : "";

    private static (string Metric, IReadOnlyDictionary<string, string> Tags) ParseSelector(string key)
    {
        var open = key.IndexOf('{', StringComparison.Ordinal);
        if (open < 0 || !key.EndsWith('}'))
        {
            return (key.Trim(), new Dictionary<string, string>());
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in key[(open + 1)..^1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                tags[pair[..colon].Trim()] = pair[(colon + 1)..].Trim();
            }
        }

        return (key[..open].Trim(), tags);
    }
}

/// <summary>One tolerance: a metric (optionally one tagged series of it), a figure and how far it may move.</summary>
public sealed record RegressionRule(string Metric, IReadOnlyDictionary<string, string> Tags, string Aggregation, Tolerance Tolerance)
{
    /// <summary>True when the rule selects a series with <paramref name="seriesTags"/>.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> seriesTags) =>
        Tags.All(t => seriesTags.TryGetValue(t.Key, out var value) && value == t.Value);
}
