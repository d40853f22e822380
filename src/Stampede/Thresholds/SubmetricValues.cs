using Stampede.Metrics;

namespace Stampede.Thresholds;

/// <summary>Values of a submetric (<c>metric{tag:value}</c>) recomputed from a result's series and their histograms.</summary>
internal static class SubmetricValues
{
    public static ResultValues? Find(RunResult result, string selectorText)
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

        var seconds = Math.Max(result.Meta.DurationSeconds, 1e-9);
        switch (metric.Kind)
        {
            case "counter":
                var total = series.Sum(s => s.Values.Count ?? 0);
                return new ResultValues { Count = total, Rate = total / seconds };
            case "rate":
                long passes = series.Sum(s => s.Values.Passes ?? 0), all = (long)series.Sum(s => s.Values.Count ?? 0);
                return new ResultValues { Count = all, Passes = passes, Fails = all - passes, Rate = all == 0 ? 0 : (double)passes / all };
            case "gauge":
                return new ResultValues { Value = series.Sum(s => s.Values.Value ?? 0), Min = series.Min(s => s.Values.Min), Max = series.Max(s => s.Values.Max) };
            default:
                var unit = metric.Unit switch { "ms" => MetricUnit.Time, "bytes" => MetricUnit.Data, _ => MetricUnit.None };
                var scale = TrendScale.For(unit);
                var merged = new HdrHistogram.LongHistogram(scale.HighestTrackable, TrendScale.SignificantDigits);
                foreach (var s in series.Where(s => s.Histogram is not null))
                {
                    merged.Add(HistogramCodec.Decode(s.Histogram!));
                }

                var count = series.Sum(s => s.Values.Count ?? 0);
                var sum = series.Sum(s => s.Values.Sum ?? 0);
                return new ResultValues
                {
                    Count = count,
                    Sum = sum,
                    Avg = count == 0 ? 0 : sum / count,
                    Min = series.Min(s => s.Values.Min),
                    Max = series.Max(s => s.Values.Max),
                    Med = TrendStats.Percentile(merged, scale, 50),
                    P90 = TrendStats.Percentile(merged, scale, 90),
                    P95 = TrendStats.Percentile(merged, scale, 95),
                    P99 = TrendStats.Percentile(merged, scale, 99),
                };
        }
    }
}
