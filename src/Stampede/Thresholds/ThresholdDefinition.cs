using Stampede.Metrics;

namespace Stampede.Thresholds;

/// <summary>
/// One entry of a plan's thresholds: a metric or submetric and the expressions that must hold for it, as in k6's
/// <c>"http_req_duration{scenario:chat}": ["p(95)&lt;500", { threshold: "p(99)&lt;1500", abortOnFail: true }]</c>.
/// </summary>
internal sealed class ThresholdDefinition
{
    public ThresholdDefinition(MetricSelector selector, IReadOnlyList<ThresholdRule> rules)
    {
        Selector = selector;
        Rules = rules;
    }

    public MetricSelector Selector { get; }

    public IReadOnlyList<ThresholdRule> Rules { get; }

    /// <summary>Parses plain expressions (no abort options).</summary>
    public static ThresholdDefinitionParseResult Parse(string selector, IEnumerable<string> expressions, MetricKind? kind = null) =>
        Parse(selector, expressions.Select(e => (e, false, TimeSpan.Zero)), kind);

    /// <summary>
    /// Parses the selector and every expression and reports every problem at once rather than stopping at the first.
    /// When <paramref name="kind"/> is known, also checks that each aggregation applies to it.
    /// </summary>
    public static ThresholdDefinitionParseResult Parse(
        string selector,
        IEnumerable<(string Expression, bool AbortOnFail, TimeSpan DelayAbortEval)> rules,
        MetricKind? kind = null)
    {
        selector ??= string.Empty;
        var errors = new List<ThresholdDefinitionError>();
        var parsedSelector = MetricSelector.Parse(selector);
        if (!parsedSelector.Succeeded)
        {
            errors.Add(new(selector, null, selector, parsedSelector.Error.Column, parsedSelector.Error.Message));
        }

        var parsedRules = new List<ThresholdRule>();
        var index = 0;
        foreach (var (text, abortOnFail, delay) in rules)
        {
            var expressionText = text ?? string.Empty;
            var parsed = ThresholdExpression.Parse(expressionText);
            if (!parsed.Succeeded)
            {
                errors.Add(new(selector, index, expressionText, parsed.Error.Column, parsed.Error.Message));
            }
            else if (kind is { } k && parsed.Value.ValidateFor(k) is { } kindError)
            {
                errors.Add(new(selector, index, expressionText, null, kindError));
            }

            if (delay < TimeSpan.Zero)
            {
                errors.Add(new(selector, index, expressionText, null, $"delayAbortEval must not be negative, got {delay}"));
            }

            if (parsed.Succeeded)
            {
                parsedRules.Add(new ThresholdRule(parsed.Value, abortOnFail, delay));
            }

            index++;
        }

        if (index == 0)
        {
            errors.Add(new(selector, null, selector, null, "no threshold expressions: give at least one, e.g. \"p(95)<500\""));
        }

        return errors.Count > 0
            ? ThresholdDefinitionParseResult.Failure(errors)
            : ThresholdDefinitionParseResult.Success(new ThresholdDefinition(parsedSelector.Value!, parsedRules));
    }

    /// <summary>Every expression whose aggregation does not apply to <paramref name="kind"/>; empty when all do.</summary>
    public IReadOnlyList<ThresholdDefinitionError> ValidateFor(MetricKind kind)
    {
        var selector = Selector.ToString();
        return Rules
            .Select((rule, i) => (rule, i, error: rule.Expression.ValidateFor(kind)))
            .Where(x => x.error is not null)
            .Select(x => new ThresholdDefinitionError(selector, x.i, x.rule.Expression.Source, null, x.error!))
            .ToList();
    }
}
