using HdrHistogram;
using Stampede.Metrics;

namespace Stampede.Outputs;

/// <summary>
/// One request name's totals (by group, method and name, over every status), merged from the result's tagged
/// series: the rows of the HTML report's endpoint table, Locust's <c>_stats.csv</c> and the Markdown summary.
/// </summary>
internal sealed record EndpointStats(string Group, string Method, string Name, long Count, long Failures, double Sum, double Min, double Max, double BytesReceived, HistogramBase? Histogram)
{
    private static readonly TrendScale TimeScale = TrendScale.For(MetricUnit.Time);

    public double Avg => Count == 0 ? 0 : Sum / Count;

    public double ErrorShare => Count == 0 ? 0 : (double)Failures / Count;

    /// <summary>The <paramref name="percentile"/>th latency percentile in ms (0 when there were no samples).</summary>
    public double Percentile(double percentile) =>
        Histogram is { TotalCount: > 0 } histogram ? TrendStats.Percentile(histogram, TimeScale, percentile) : 0;

    /// <summary>Rows for every request name in <paramref name="result"/>, busiest first, then the aggregate row.</summary>
    public static (IReadOnlyList<EndpointStats> Rows, EndpointStats Total) From(RunResult result)
    {
        var rows = new Dictionary<(string Group, string Method, string Name), Accumulator>();
        var total = new Accumulator();
        if (result.Metric(BuiltinMetrics.HttpReqDuration.Name) is { } duration)
        {
            foreach (var series in duration.Series)
            {
                var accumulator = Row(rows, series.Tags);
                var histogram = series.Histogram is { } encoded ? HistogramCodec.Decode(encoded) : null;
                accumulator.AddTrend(series.Values, histogram);
                total.AddTrend(series.Values, histogram);
            }
        }

        if (result.Metric(BuiltinMetrics.HttpReqFailed.Name) is { } failed)
        {
            foreach (var series in failed.Series)
            {
                Row(rows, series.Tags).Failures += series.Values.Passes ?? 0;
                total.Failures += series.Values.Passes ?? 0;
            }
        }

        if (result.Metric(BuiltinMetrics.DataReceived.Name) is { } received)
        {
            foreach (var series in received.Series.Where(s => s.Tags.ContainsKey("name")))
            {
                Row(rows, series.Tags).Bytes += series.Values.Count ?? 0;
                total.Bytes += series.Values.Count ?? 0;
            }
        }

        var list = rows
            .Select(pair => pair.Value.ToStats(pair.Key.Group, pair.Key.Method, pair.Key.Name))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
            .ToList();
        return (list, total.ToStats("", "", "Aggregated"));
    }

    private static Accumulator Row(Dictionary<(string, string, string), Accumulator> rows, IReadOnlyDictionary<string, string> tags)
    {
        var key = (tags.GetValueOrDefault("group") ?? "", tags.GetValueOrDefault("method") ?? "", tags.GetValueOrDefault("name") ?? "");
        if (!rows.TryGetValue(key, out var accumulator))
        {
            accumulator = new Accumulator();
            rows.Add(key, accumulator);
        }

        return accumulator;
    }

    private sealed class Accumulator
    {
        private LongHistogram? _histogram;
        private long _count;
        private double _sum;
        private double _min = double.PositiveInfinity;
        private double _max = double.NegativeInfinity;

        public long Failures { get; set; }

        public double Bytes { get; set; }

        public void AddTrend(ResultValues values, HistogramBase? histogram)
        {
            var count = (long)(values.Count ?? 0);
            if (count == 0)
            {
                return;
            }

            _count += count;
            _sum += values.Sum ?? (values.Avg ?? 0) * count;
            _min = Math.Min(_min, values.Min ?? double.PositiveInfinity);
            _max = Math.Max(_max, values.Max ?? double.NegativeInfinity);
            if (histogram is not null)
            {
                _histogram ??= new LongHistogram(TimeScale.HighestTrackable, TrendScale.SignificantDigits);
                _histogram.Add(histogram);
            }
        }

        public EndpointStats ToStats(string group, string method, string name) => new(
            group, method, name, _count, Failures, _sum,
            _count == 0 ? 0 : _min, _count == 0 ? 0 : _max, Bytes, _histogram);
    }
}
