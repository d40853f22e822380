using Stampede.Metrics;
using Stampede.Thresholds;

namespace Stampede.Plans;

/// <summary>
/// Checks every threshold of a plan when it loads: selector and expression syntax, a known metric, an aggregation that fits
/// its kind. The rule lives here once; front ends call <see cref="Problems"/> to place each problem at the text they read.
/// </summary>
internal static class ThresholdValidation
{
    public static void Validate(TestPlan plan, List<PlanError> errors)
    {
        foreach (var problem in Problems(plan.Thresholds, plan.Metrics))
        {
            // Without a front end to turn the column into a place, the message says it.
            var message = problem.Column is { } column ? $"{problem.Message} (column {column + 1})" : problem.Message;
            errors.Add(new PlanError(problem.Path, message, plan.Thresholds[problem.Index].Location));
        }
    }

    /// <summary>
    /// Every problem of <paramref name="thresholds"/> against the built-in metrics and <paramref name="declared"/> ones. A bad
    /// or unknown selector is reported once, at its first threshold, however many expressions it has; their expressions are
    /// not judged, because there is no metric kind to judge them against.
    /// </summary>
    public static List<ThresholdProblem> Problems(IReadOnlyList<ThresholdPlan> thresholds, IEnumerable<Metric> declared)
    {
        var known = BuiltinMetrics.All.Concat(declared)
            .GroupBy(m => m.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var problems = new List<ThresholdProblem>();
        var selectors = new Dictionary<string, Metric?>(StringComparer.Ordinal);
        for (var i = 0; i < thresholds.Count; i++)
        {
            var threshold = thresholds[i];
            var path = $"thresholds.{threshold.Selector}";
            if (!selectors.TryGetValue(threshold.Selector, out var metric))
            {
                metric = SelectedMetric(i, threshold.Selector, path, known, problems);
                selectors[threshold.Selector] = metric;
            }

            if (metric is null)
            {
                continue;
            }

            var expression = ThresholdExpression.Parse(threshold.Expression);
            if (!expression.Succeeded)
            {
                problems.Add(new ThresholdProblem(i, ThresholdPart.Expression, path,
                    $"bad threshold '{threshold.Expression}': {expression.Error.Message}", expression.Error.Column));
            }
            else if (expression.Value.ValidateFor(metric.Kind) is { } mismatch)
            {
                problems.Add(new ThresholdProblem(i, ThresholdPart.Expression, path, mismatch));
            }

            if (threshold.DelayAbortEval < TimeSpan.Zero)
            {
                problems.Add(new ThresholdProblem(i, ThresholdPart.DelayAbortEval, path + ".delayAbortEval", "must not be negative"));
            }
        }

        return problems;
    }

    private static Metric? SelectedMetric(int index, string text, string path, Dictionary<string, Metric> known, List<ThresholdProblem> problems)
    {
        var selector = MetricSelector.Parse(text);
        if (!selector.Succeeded)
        {
            problems.Add(new ThresholdProblem(index, ThresholdPart.Selector, path, $"bad metric selector '{text}': {selector.Error.Message}", selector.Error.Column));
            return null;
        }

        if (known.TryGetValue(selector.Value.MetricName, out var metric))
        {
            return metric;
        }

        var suggestion = NameSuggestion.Closest(selector.Value.MetricName, known.Keys);
        problems.Add(new ThresholdProblem(index, ThresholdPart.Selector, path,
            $"unknown metric '{selector.Value.MetricName}'" + (suggestion is null ? "" : $"; did you mean '{suggestion}'?")));
        return null;
    }
}
