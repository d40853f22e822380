using YamlDotNet.Core;
using YamlDotNet.Serialization;

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
        Dictionary<string, object?>? root;
        try
        {
            root = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object?>>(text);
        }
        catch (YamlException exception)
        {
            errors.Add($"line {exception.Start.Line}: {exception.InnerException?.Message ?? exception.Message}");
            return new RegressionRules([]);
        }

        if (root is not null && root.Count == 1 && root.TryGetValue("regressions", out var inner) && inner is Dictionary<object, object> nested)
        {
            root = nested.ToDictionary(p => p.Key.ToString()!, p => (object?)p.Value);
        }

        var rules = new List<RegressionRule>();
        foreach (var (key, value) in root ?? [])
        {
            if (value is not Dictionary<object, object> figures)
            {
                errors.Add($"{key}: expected a map of figure to tolerance, e.g. {{ p95: \"+10%\" }}");
                continue;
            }

            var (metric, tags) = ParseSelector(key);
            foreach (var (figureKey, toleranceValue) in figures)
            {
                var figure = Aggregation.Normalize(figureKey.ToString()!);
                if (figure is null)
                {
                    errors.Add($"{key}.{figureKey}: unknown figure; use one of {string.Join(", ", Aggregation.Names)}");
                    continue;
                }

                if (Tolerance.Parse(toleranceValue?.ToString() ?? "", out var error) is { } tolerance)
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
