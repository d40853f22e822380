using Stampede.Metrics;

namespace Stampede.Outputs;

/// <summary>
/// Reads a result's per-second columns as arrays of the run's full length, so writers need not care where each
/// timeline starts. Missing seconds read as 0 (counters, rates) or NaN (trend statistics, which had no samples).
/// </summary>
internal static class RunTimeline
{
    public static double[] Values(TimelineResult? timeline, int seconds) => Pad(timeline?.Values, timeline?.Start ?? 0, seconds, 0);

    public static double[] Total(TimelineResult? timeline, int seconds) =>
        Pad(timeline?.Total?.Select(v => (double)v).ToList(), timeline?.Start ?? 0, seconds, 0);

    public static double[] Passes(TimelineResult? timeline, int seconds) =>
        Pad(timeline?.Passes?.Select(v => (double)v).ToList(), timeline?.Start ?? 0, seconds, 0);

    /// <summary>A trend statistic column (e.g. <c>timeline.P95</c>) with NaN in seconds without samples.</summary>
    public static double[] TrendColumn(TimelineResult? timeline, Func<TimelineResult, IReadOnlyList<double>?> column, int seconds)
    {
        var values = Pad(timeline is null ? null : column(timeline), timeline?.Start ?? 0, seconds, double.NaN);
        var totals = Total(timeline, seconds);
        for (var i = 0; i < seconds; i++)
        {
            if (totals[i] == 0)
            {
                values[i] = double.NaN;
            }
        }

        return values;
    }

    private static double[] Pad(IReadOnlyList<double>? source, int start, int seconds, double fill)
    {
        var values = new double[seconds];
        Array.Fill(values, fill);
        if (source is null)
        {
            return values;
        }

        for (var i = 0; i < source.Count; i++)
        {
            var second = start + i;
            if (second >= 0 && second < seconds)
            {
                values[second] = source[i];
            }
        }

        return values;
    }
}
