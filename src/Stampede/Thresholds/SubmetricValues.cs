using Stampede.Metrics;

namespace Stampede.Thresholds;

/// <summary>Values of a submetric (<c>metric{tag:value}</c>) recomputed from a result's series and their histograms.</summary>
internal static class SubmetricValues
{
    public static ResultValues? Find(RunResult result, string selectorText) => Of(result, selectorText)?.ToResult();

    /// <summary>
    /// The submetric's values with their merged histogram, for a reader that needs percentiles beyond the stored
    /// p(90)/p(95)/p(99) (k6's summaryTrendStats); null when the selector is malformed or selects no series.
    /// </summary>
    public static MetricValues? Of(RunResult result, string selectorText)
    {
        var parsed = MetricSelector.Parse(selectorText);
        if (!parsed.Succeeded || result.Metric(parsed.Value.MetricName) is not { } metric)
        {
            return null;
        }

        var selector = parsed.Value;
        var series = metric.Series.Where(s => selector.Matches(s.Tags)).ToList();
        if (series.Count == 0)
        {
            return null;
        }

        // The same rule that gave the metric's own values during the run, fed from the saved series.
        return MetricValues.Of(metric.Kind, metric.Unit, series.Select(SeriesTotals.Of), result.Meta.DurationSeconds);
    }
}
