namespace Stampede.Metrics;

/// <summary>Turns a run's metric registry into the metric part of a <see cref="RunResult"/>.</summary>
internal static class ResultBuilder
{
    public static IReadOnlyList<MetricResult> BuildMetrics(MetricRegistry registry, TimeSpan elapsed)
    {
        var results = new List<MetricResult>();
        foreach (var group in registry.AllSeries.GroupBy(s => s.Metric).OrderBy(g => g.Key.Name, StringComparer.Ordinal))
        {
            var metric = group.Key;
            var all = MetricValues.Of(metric, group, elapsed);
            if (all.IsEmpty && metric.Kind != MetricKind.Counter)
            {
                continue;
            }

            var series = group
                .Select(s => (Series: s, Values: MetricValues.Of(metric, [s], elapsed)))
                .Where(s => !s.Values.IsEmpty || metric.Kind == MetricKind.Counter && ((CounterSeries)s.Series).Total > 0)
                .OrderBy(s => s.Series.Tags.ToString(), StringComparer.Ordinal)
                .Select(s => new SeriesResult
                {
                    Tags = s.Series.Tags.ToDictionary(),
                    Values = s.Values.ToResult(),
                    Histogram = s.Values.Histogram is { TotalCount: > 0 } h ? HistogramCodec.Encode(h) : null,
                    Timeline = TimelineOf(s.Series),
                })
                .ToList();
            if (metric.Kind == MetricKind.Counter && series.Count == 0)
            {
                continue;
            }

            results.Add(new MetricResult
            {
                Name = metric.Name,
                Kind = metric.Kind,
                Unit = metric.Unit,
                Values = all.ToResult(),
                Histogram = all.Histogram is { TotalCount: > 0 } merged ? HistogramCodec.Encode(merged) : null,
                Timeline = registry.TimelineOf(metric) is { } timeline ? TimelineOf(timeline) : null,
                Series = series,
            });
        }

        return results;
    }

    private static TimelineResult TimelineOf(Series series) => series switch
    {
        CounterSeries counter => new TimelineResult { Start = series.FirstSecond, Values = [.. counter.Points] },
        GaugeSeries gauge => new TimelineResult { Start = series.FirstSecond, Values = [.. gauge.Points] },
        RateSeries rate => new TimelineResult
        {
            Start = series.FirstSecond,
            Passes = [.. rate.Points.Select(p => p.Passes)],
            Total = [.. rate.Points.Select(p => p.Total)],
        },
        TrendSeries trend => TrendTimeline(series.FirstSecond, trend.Points),
        _ => new TimelineResult(),
    };

    private static TimelineResult TimelineOf(MetricTimeline timeline) => timeline.Metric.Kind switch
    {
        MetricKind.Trend => TrendTimeline(timeline.FirstSecond, timeline.Trends),
        MetricKind.Rate => new TimelineResult
        {
            Start = timeline.FirstSecond,
            Passes = [.. timeline.Rates.Select(p => p.Passes)],
            Total = [.. timeline.Rates.Select(p => p.Total)],
        },
        _ => new TimelineResult { Start = timeline.FirstSecond, Values = [.. timeline.Values] },
    };

    private static TimelineResult TrendTimeline(int start, IReadOnlyList<TrendPoint> points) => new()
    {
        Start = start,
        Total = [.. points.Select(p => p.Count)],
        Avg = [.. points.Select(p => Round(p.Avg))],
        Min = [.. points.Select(p => Round(p.Min))],
        Max = [.. points.Select(p => Round(p.Max))],
        P50 = [.. points.Select(p => Round(p.P50))],
        P90 = [.. points.Select(p => Round(p.P90))],
        P95 = [.. points.Select(p => Round(p.P95))],
        P99 = [.. points.Select(p => Round(p.P99))],
    };

    // Per-second points carry HdrHistogram's 0.1% precision anyway; six significant digits keep the JSON small.
    private static double Round(double value) => value == 0 ? 0 : Math.Round(value, Math.Max(0, 5 - (int)Math.Floor(Math.Log10(Math.Abs(value)))));

    public static IReadOnlyList<CheckResult> BuildChecks(MetricRegistry registry) =>
        [.. registry.SeriesOf(BuiltinMetrics.Checks.Name)
            .OfType<RateSeries>()
            .GroupBy(s => (Group: s.Tags["group"] ?? "", Name: s.Tags["check"] ?? ""))
            .Select(g => new CheckResult(g.Key.Name, g.Key.Group, g.Sum(s => s.Passes), g.Sum(s => s.Total - s.Passes)))
            .OrderBy(c => c.Group, StringComparer.Ordinal)];
}
