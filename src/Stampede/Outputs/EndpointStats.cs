using HdrHistogram;
using Stampede.Metrics;

namespace Stampede.Outputs;

/// <summary>
/// One request name's totals (by group, method and name, over every status), merged from the result's tagged
/// series: the rows of the HTML report's endpoint table, Locust's <c>_stats.csv</c> and the Markdown summary.
/// <see cref="Count"/> is every request made, failed ones included, as Locust counts them; the times cover the
/// <see cref="Timed"/> requests, those that got a response (one that got none has no duration to report).
/// </summary>
internal sealed record EndpointStats(string Group, string Method, string Name, long Count, long Failures, long Timed, double Sum, double Min, double Max, double BytesReceived, HistogramBase? Histogram)
{
    private static readonly TrendScale TimeScale = TrendScale.For(MetricUnit.Time);

    /// <summary>The mean time in ms; NaN, shown as "-" or "N/A", when no request got a response.</summary>
    public double Avg => Timed == 0 ? double.NaN : Sum / Timed;

    public double ErrorShare => Count == 0 ? 0 : (double)Failures / Count;

    /// <summary>The <paramref name="percentile"/>th latency percentile in ms (NaN when no request got a response).</summary>
    public double Percentile(double percentile) =>
        Histogram is { TotalCount: > 0 } histogram ? TrendStats.Percentile(histogram, TimeScale, percentile) : double.NaN;

    /// <summary>Rows for every request name in <paramref name="result"/>, busiest first, then the aggregate row.</summary>
    public static (IReadOnlyList<EndpointStats> Rows, EndpointStats Total) From(RunResult result)
    {
        var rows = new Dictionary<(string Group, string Method, string Name), Accumulator>();
        var total = new Accumulator();

        // The request count comes from http_reqs, not from the duration trend: a request that got no response is
        // kept out of the trend (HttpMetricsRecorder), and counting the trend's samples showed an endpoint whose
        // requests all failed as 0 requests with 6 failures.
        var reqs = result.Metric(BuiltinMetrics.HttpReqs.Name);
        if (reqs is not null)
        {
            foreach (var series in reqs.Series)
            {
                var requests = (long)(series.Values.Count ?? 0);
                Row(rows, series.Tags).Requests += requests;
                total.Requests += requests;
            }
        }

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

        var counted = reqs is not null;
        var list = rows
            .Select(pair => pair.Value.ToStats(pair.Key.Group, pair.Key.Method, pair.Key.Name, counted))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
            .ToList();
        return (list, total.ToStats("", "", "Aggregated", counted));
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

        public long Requests { get; set; }

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

        /// <summary>The row; without <c>http_reqs</c> in the result (a hand-made one), the timed requests are all there are.</summary>
        public EndpointStats ToStats(string group, string method, string name, bool counted) => new(
            group, method, name, counted ? Requests : _count, Failures, _count, _sum,
            _count == 0 ? double.NaN : _min, _count == 0 ? double.NaN : _max, Bytes, _histogram);
    }
}
