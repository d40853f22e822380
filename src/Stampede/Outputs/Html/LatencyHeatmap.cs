using Stampede.Metrics;

namespace Stampede.Outputs.Html;

/// <summary>
/// Latency over time as a heatmap: columns of time, rows of log-spaced latency. The result keeps one cumulative
/// histogram per series but only percentiles per second, so each second's samples are spread over its
/// min–p50–p90–p95–p99–max bands in their known proportions (50/40/5/4/1 %): exact band masses, approximate
/// placement inside a band. Long runs fold several seconds into one column so the page stays small.
/// </summary>
internal sealed record LatencyHeatmap(int SecondsPerColumn, IReadOnlyList<double> Edges, IReadOnlyList<double[]> Columns)
{
    public const int Rows = 40;
    public const int MaxColumns = 720;

    private static readonly (double Share, int From, int To)[] Bands =
        [(0.50, 0, 1), (0.40, 1, 2), (0.05, 2, 3), (0.04, 3, 4), (0.01, 4, 5)];

    public static LatencyHeatmap? From(MetricResult metric, int seconds)
    {
        var timeline = metric.Timeline;
        if (timeline is null || seconds == 0)
        {
            return null;
        }

        var total = RunTimeline.Total(timeline, seconds);
        double[][] stats =
        [
            RunTimeline.TrendColumn(timeline, t => t.Min, seconds),
            RunTimeline.TrendColumn(timeline, t => t.P50, seconds),
            RunTimeline.TrendColumn(timeline, t => t.P90, seconds),
            RunTimeline.TrendColumn(timeline, t => t.P95, seconds),
            RunTimeline.TrendColumn(timeline, t => t.P99, seconds),
            RunTimeline.TrendColumn(timeline, t => t.Max, seconds),
        ];
        var low = double.PositiveInfinity;
        var high = 0.0;
        for (var s = 0; s < seconds; s++)
        {
            if (total[s] > 0)
            {
                low = Math.Min(low, Math.Max(stats[0][s], 0.001));
                high = Math.Max(high, stats[5][s]);
            }
        }

        if (high <= 0)
        {
            return null;
        }

        high = Math.Max(high, low * 1.01);
        var edges = LatencyHistogram.LogEdges(low, high, Rows);
        var perColumn = (seconds + MaxColumns - 1) / MaxColumns;
        var columns = new double[(seconds + perColumn - 1) / perColumn][];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = new double[Rows];
        }

        Span<double> marks = stackalloc double[6];
        for (var s = 0; s < seconds; s++)
        {
            if (total[s] == 0)
            {
                continue;
            }

            for (var m = 0; m < 6; m++)
            {
                marks[m] = Math.Max(stats[m][s], low);
            }

            var column = columns[s / perColumn];
            foreach (var (share, from, to) in Bands)
            {
                Spread(column, edges, marks[from], marks[to], share * total[s]);
            }
        }

        return new LatencyHeatmap(perColumn, edges, columns);
    }

    private static void Spread(double[] column, IReadOnlyList<double> edges, double from, double to, double mass)
    {
        var first = LatencyHistogram.BucketOf(edges, from);
        var last = LatencyHistogram.BucketOf(edges, to);
        var share = mass / (last - first + 1);
        for (var row = first; row <= last; row++)
        {
            column[row] += share;
        }
    }
}
