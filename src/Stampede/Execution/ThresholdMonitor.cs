using Stampede.Metrics;
using Stampede.Plans;
using Stampede.Thresholds;

namespace Stampede.Execution;

/// <summary>
/// Evaluates a run's thresholds on the one-second tick and at the end. A failing threshold with
/// <c>abortOnFail</c> stops the run gracefully once <c>delayAbortEval</c> has passed.
/// </summary>
internal sealed class ThresholdMonitor
{
    private readonly List<Entry> _entries = [];
    private readonly MetricRegistry _registry;
    private readonly RunControl _control;

    private sealed class Entry
    {
        public required ThresholdPlan Plan;
        public required MetricSelector Selector;

        /// <summary>The selector as results show it: as written, unless redaction masked a filter value.</summary>
        public required string Shown;
        public required ThresholdTracker Tracker;

        public ThresholdExpression Expression => Tracker.Rule.Expression;
    }

    public ThresholdMonitor(IReadOnlyList<ThresholdPlan> thresholds, MetricRegistry registry, RunControl control)
    {
        _registry = registry;
        _control = control;
        foreach (var threshold in thresholds)
        {
            // The plan was validated when it loaded, so both parse.
            var selector = MetricSelector.Parse(threshold.Selector);
            var expression = ThresholdExpression.Parse(threshold.Expression);
            if (selector.Succeeded && expression.Succeeded)
            {
                var rule = new ThresholdRule(expression.Value, threshold.AbortOnFail, threshold.DelayAbortEval);
                var (redacted, shown) = Redacted(selector.Value, threshold.Selector, registry.Redaction);
                _entries.Add(new Entry { Plan = threshold, Selector = redacted, Shown = shown, Tracker = new ThresholdTracker(rule) });
            }
        }
    }

    /// <summary>Evaluates every threshold now; returns the failing ones as text and requests an abort where one is due.</summary>
    public IReadOnlyList<string> EvaluateLive(TimeSpan elapsed)
    {
        List<string>? failing = null;
        foreach (var entry in _entries)
        {
            var (outcome, _) = Evaluate(entry, elapsed);
            var wasAborting = entry.Tracker.ShouldAbort;
            if (entry.Tracker.Observe(elapsed, outcome) && !wasAborting)
            {
                _control.RequestStop($"threshold {entry.Selector} '{entry.Plan.Expression}' failed and has abortOnFail");
            }

            if (outcome == ThresholdOutcome.Failed)
            {
                (failing ??= []).Add($"{entry.Selector}: {entry.Expression}");
            }
        }

        return failing ?? (IReadOnlyList<string>)[];
    }

    /// <summary>The final outcome of every threshold.</summary>
    public IReadOnlyList<ThresholdResult> Final(TimeSpan elapsed) =>
        [.. _entries.Select(entry =>
        {
            var (outcome, observed) = Evaluate(entry, elapsed);
            return new ThresholdResult
            {
                Metric = entry.Shown,
                Expression = entry.Plan.Expression,
                Outcome = outcome switch
                {
                    ThresholdOutcome.Passed => ThresholdOutcomeNames.Passed,
                    ThresholdOutcome.Failed => ThresholdOutcomeNames.Failed,
                    _ => ThresholdOutcomeNames.NoData,
                },
                Observed = observed,
                AbortOnFail = entry.Plan.AbortOnFail,
                Aborted = entry.Tracker.ShouldAbort,
                FirstFailedAt = entry.Tracker.FirstFailedAt?.TotalSeconds,
            };
        })];

    /// <summary>
    /// Series tags are redacted when they are made, so a filter on a name with an api_key in it must be too, to match
    /// them (and to keep the key out of the results that quote the selector).
    /// </summary>
    internal static (MetricSelector Selector, string Shown) Redacted(MetricSelector selector, string written, UrlRedaction redaction)
    {
        var filters = selector.Filters.Select(f => f with { Value = redaction.Redact(f.Value) }).ToList();
        if (filters.Select(f => f.Value).SequenceEqual(selector.Filters.Select(f => f.Value), ReferenceEqualityComparer.Instance))
        {
            return (selector, written);
        }

        var redacted = new MetricSelector(selector.MetricName, filters);
        return (redacted, redacted.ToString());
    }

    private (ThresholdOutcome Outcome, double? Observed) Evaluate(Entry entry, TimeSpan elapsed)
    {
        var metric = _registry.Find(entry.Selector.MetricName);
        if (metric is null)
        {
            return (ThresholdOutcome.NoData, null);
        }

        var series = _registry.SeriesOf(metric.Name).Where(s => entry.Selector.Matches(s.Tags));
        var values = new ThresholdValues(MetricValues.Of(metric, series, elapsed));
        var outcome = entry.Expression.Evaluate(values);
        return (outcome, values.Get(entry.Expression.Aggregation, entry.Expression.Percentile ?? 0));
    }
}
