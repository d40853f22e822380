using Stampede.Metrics;
using Stampede.Plans.Executors;
using Stampede.Thresholds;

namespace Stampede.Plans;

/// <summary>
/// Finds what validates but cannot do what its author meant, where only the plan as a whole shows it: a threshold
/// on a metric no scenario's executor records, an abort that can never happen. Warnings do not stop a run.
/// </summary>
internal static class PlanWarnings
{
    /// <summary>Recorded only for iterations with a scheduled start, which only the arrival-rate executors give.</summary>
    private static readonly HashSet<string> ArrivalRateOnly = new(StringComparer.Ordinal)
    {
        BuiltinMetrics.DroppedIterations.Name, BuiltinMetrics.QueuedIterations.Name, BuiltinMetrics.IterationLateness.Name,
        BuiltinMetrics.IterationResponseTime.Name, BuiltinMetrics.LlmTtftScheduled.Name, BuiltinMetrics.LlmE2eScheduled.Name,
    };

    /// <summary>Every warning, each at the threshold it is about.</summary>
    public static IReadOnlyList<PlanError> For(TestPlan plan)
    {
        var warnings = new List<PlanError>();
        var openModel = plan.Scenarios.Any(s => s.Executor is ArrivalRateOptions);
        var longest = plan.Scenarios.Count == 0 ? TimeSpan.Zero : plan.Scenarios.Max(s => s.MaxEnd);
        var warned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var threshold in plan.Thresholds)
        {
            var path = $"thresholds.{threshold.Selector}";
            var selector = MetricSelector.Parse(threshold.Selector);
            if (!selector.Succeeded)
            {
                continue;
            }

            var metric = selector.Value.MetricName;
            if (!openModel && ArrivalRateOnly.Contains(metric) && !plan.Metrics.Any(m => m.Name == metric) && warned.Add(metric))
            {
                warnings.Add(new PlanError(path,
                    $"only arrival-rate scenarios record '{metric}' and this plan has none, so this threshold has nothing to judge",
                    threshold.Location));
            }

            if (threshold.AbortOnFail && plan.Scenarios.Count > 0 && threshold.DelayAbortEval >= longest)
            {
                warnings.Add(new PlanError(path + ".delayAbortEval",
                    $"abortOnFail can never stop the run: delayAbortEval ({Duration.Format(threshold.DelayAbortEval)}) is not shorter than the longest the run can last ({Duration.Format(longest)})",
                    threshold.Location));
            }
        }

        return warnings;
    }
}
