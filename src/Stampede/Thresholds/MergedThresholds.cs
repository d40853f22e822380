using Stampede.Metrics;

namespace Stampede.Thresholds;

/// <summary>
/// Judges a merged result's thresholds again on the merged values: each part judged only its own share of the load,
/// and a latency percentile of the whole is not any part's. The thresholds are those the parts name (the same
/// plan's, so the same in each), judged by the same expression evaluator the run uses.
/// </summary>
internal static class MergedThresholds
{
    public static IReadOnlyList<ThresholdResult> Judge(RunResult merged, IReadOnlyList<RunResult> parts)
    {
        var judged = new List<ThresholdResult>();
        foreach (var group in parts.SelectMany(p => p.Thresholds).GroupBy(t => (t.Metric, t.Expression)))
        {
            var declared = group.First();
            var selector = MetricSelector.Parse(declared.Metric);
            var expression = ThresholdExpression.Parse(declared.Expression);
            var outcome = ThresholdOutcome.NoData;
            double? observed = null;
            if (selector.Succeeded && expression.Succeeded && merged.Metric(selector.Value.MetricName) is { } metric)
            {
                var series = metric.Series.Where(s => selector.Value.Matches(s.Tags)).Select(SeriesTotals.Of);
                (outcome, observed) = Evaluate(expression.Value, metric.Kind, metric.Unit, series, merged.Meta.DurationSeconds);
            }

            judged.Add(declared with
            {
                Outcome = outcome switch
                {
                    ThresholdOutcome.Passed => ThresholdOutcomeNames.Passed,
                    ThresholdOutcome.Failed => ThresholdOutcomeNames.Failed,
                    _ => ThresholdOutcomeNames.NoData,
                },
                Observed = observed,
                AbortOnFail = group.Any(t => t.AbortOnFail),
                Aborted = group.Any(t => t.Aborted),
                FirstFailedAt = group.Min(t => t.FirstFailedAt),
            });
        }

        return judged;
    }

    /// <summary>
    /// Judges <paramref name="expression"/> on the totals of several parts (series of one result, or the same
    /// submetric as several machines saw it), over <paramref name="elapsedSeconds"/> of the whole run.
    /// </summary>
    public static (ThresholdOutcome Outcome, double? Observed) Evaluate(ThresholdExpression expression, MetricKind kind, MetricUnit unit, IEnumerable<SeriesTotals> parts, double elapsedSeconds)
    {
        var values = new ThresholdValues(MetricValues.Of(kind, unit, parts, elapsedSeconds));
        return (expression.Evaluate(values), values.Get(expression.Aggregation, expression.Percentile ?? 0));
    }
}
