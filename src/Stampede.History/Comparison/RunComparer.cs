using Stampede.History.Statistics;
using Stampede.Metrics;

namespace Stampede.History.Comparison;

/// <summary>
/// Compares a run with a baseline, figure by figure. A figure has regressed only when both hold: it moved beyond
/// its tolerance band (the size of the change matters to the team), and a one-sided Mann–Whitney U test over the
/// two runs' per-second values says the shift is unlikely to be chance (the change is real, not noise).
/// </summary>
public static class RunComparer
{
    /// <summary>Compares <paramref name="current"/> with <paramref name="baseline"/>; <paramref name="options"/> default to <see cref="ComparisonOptions"/>'s defaults.</summary>
    public static ComparisonReport Compare(RunResult baseline, RunResult current, ComparisonOptions? options = null, string? baselineLabel = null, string? currentLabel = null)
    {
        options ??= new ComparisonOptions();
        var rows = new List<ComparisonRow>();
        foreach (var group in options.Rules.Rules.GroupBy(r => (r.Metric, r.Aggregation)))
        {
            var before = baseline.Metric(group.Key.Metric);
            var after = current.Metric(group.Key.Metric);
            if (before is null && after is null)
            {
                continue;
            }

            if (group.FirstOrDefault(r => r.Tags.Count == 0) is { } metricRule)
            {
                rows.Add(Row(group.Key.Metric, new Dictionary<string, string>(), group.Key.Aggregation, metricRule.Tolerance, before, after, before?.Values, after?.Values, before?.Timeline, after?.Timeline, options));
            }

            if (!options.Series || before is null || after is null)
            {
                continue;
            }

            var baselineSeries = before.Series.ToDictionary(s => Key(s.Tags), StringComparer.Ordinal);
            foreach (var series in after.Series)
            {
                var rule = group.Where(r => r.Matches(series.Tags)).OrderByDescending(r => r.Tags.Count).FirstOrDefault();
                var onlySeries = after.Series.Count == 1 && before.Series.Count == 1;
                if (rule is null || onlySeries || !baselineSeries.TryGetValue(Key(series.Tags), out var old))
                {
                    continue;
                }

                rows.Add(Row(group.Key.Metric, series.Tags, group.Key.Aggregation, rule.Tolerance, before, after, old.Values, series.Values, old.Timeline, series.Timeline, options));
            }
        }

        return new ComparisonReport
        {
            BaselineLabel = baselineLabel ?? Label(baseline),
            CurrentLabel = currentLabel ?? Label(current),
            Rows = rows,
            Alpha = options.Alpha,
        };
    }

    private static ComparisonRow Row(
        string metric,
        IReadOnlyDictionary<string, string> tags,
        string aggregation,
        Tolerance tolerance,
        MetricResult? beforeMetric,
        MetricResult? afterMetric,
        ResultValues? beforeValues,
        ResultValues? afterValues,
        TimelineResult? beforeTimeline,
        TimelineResult? afterTimeline,
        ComparisonOptions options)
    {
        var kind = (afterMetric ?? beforeMetric)!.Kind;
        var row = new ComparisonRow
        {
            Metric = metric,
            Tags = tags,
            Aggregation = aggregation,
            Tolerance = tolerance,
            Kind = kind,
            Unit = (afterMetric ?? beforeMetric)!.Unit,
            Verdict = ComparisonVerdict.NoData,
        };
        var baseline = beforeValues is null ? null : Aggregation.Value(beforeValues, aggregation);
        var current = afterValues is null ? null : Aggregation.Value(afterValues, aggregation);
        if (baseline is not { } b || current is not { } c)
        {
            return row with { Baseline = baseline, Current = current };
        }

        var beforeSeconds = Aggregation.PerSecond(beforeTimeline, kind, aggregation).Select(p => p.Value).ToArray();
        var afterSeconds = Aggregation.PerSecond(afterTimeline, kind, aggregation).Select(p => p.Value).ToArray();
        var worsening = tolerance.Worsening(b, c);
        row = row with
        {
            Baseline = b,
            Current = c,
            ChangePercent = b == 0 ? null : (c - b) / Math.Abs(b) * 100,
            Seconds = (beforeSeconds.Length, afterSeconds.Length),
        };
        var worse = worsening > tolerance.Amount;
        var better = -worsening > tolerance.Amount;
        if (!worse && !better)
        {
            return row with { Verdict = ComparisonVerdict.Unchanged };
        }

        if (beforeSeconds.Length < options.MinSeconds || afterSeconds.Length < options.MinSeconds)
        {
            return row with { Verdict = ComparisonVerdict.Untested };
        }

        // Test in the direction the figure moved: "is current higher?" when it rose, "is it lower?" when it fell.
        var rose = c > b;
        var test = rose ? MannWhitney.GreaterThan(afterSeconds, beforeSeconds) : MannWhitney.GreaterThan(beforeSeconds, afterSeconds);
        var verdict = test.PValue >= options.Alpha ? ComparisonVerdict.Noise
            : worse ? ComparisonVerdict.Regressed
            : ComparisonVerdict.Improved;
        return row with { PValue = test.PValue, Verdict = verdict };
    }

    private static string Key(IReadOnlyDictionary<string, string> tags) =>
        string.Join(",", tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));

    private static string Label(RunResult result) => $"{result.Meta.Plan} {result.Meta.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm}";
}
