using Stampede.Metrics;
using Stampede.Thresholds;

namespace Stampede.Plans;

/// <summary>Checks every threshold of a plan when it loads: selector and expression syntax, a known metric, an aggregation that fits its kind.</summary>
internal static class ThresholdValidation
{
    public static void Validate(TestPlan plan, List<PlanError> errors)
    {
        var known = BuiltinMetrics.All.Concat(plan.Metrics)
            .GroupBy(m => m.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var threshold in plan.Thresholds)
        {
            var path = $"thresholds.{threshold.Selector}";
            var selector = MetricSelector.Parse(threshold.Selector);
            if (!selector.Succeeded)
            {
                errors.Add(new PlanError(path, $"bad metric selector '{threshold.Selector}': {selector.Error.Message} (column {selector.Error.Column + 1})", threshold.Location));
                continue;
            }

            var expression = ThresholdExpression.Parse(threshold.Expression);
            if (!expression.Succeeded)
            {
                errors.Add(new PlanError(path, $"bad threshold '{threshold.Expression}': {expression.Error.Message}", threshold.Location));
                continue;
            }

            if (!known.TryGetValue(selector.Value.MetricName, out var metric))
            {
                var suggestion = NameSuggestion.Closest(selector.Value.MetricName, known.Keys);
                errors.Add(new PlanError(path,
                    $"unknown metric '{selector.Value.MetricName}'" + (suggestion is null ? "" : $"; did you mean '{suggestion}'?"),
                    threshold.Location));
                continue;
            }

            if (expression.Value.ValidateFor(metric.Kind) is { } mismatch)
            {
                errors.Add(new PlanError(path, mismatch, threshold.Location));
            }

            if (threshold.DelayAbortEval < TimeSpan.Zero)
            {
                errors.Add(new PlanError(path + ".delayAbortEval", "must not be negative", threshold.Location));
            }
        }
    }
}
