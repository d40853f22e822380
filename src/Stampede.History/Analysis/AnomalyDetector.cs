using Stampede.Metrics;

namespace Stampede.History.Analysis;

/// <summary>
/// Finds spikes and bursts in a run's per-second series with a robust z-score: each second is compared with the
/// median of the seconds around it, in units of their median absolute deviation (MAD). Median and MAD ignore the
/// spike itself, unlike mean and standard deviation, so a spike cannot hide by inflating its own yardstick.
/// </summary>
public static class AnomalyDetector
{
    /// <summary>
    /// Latency spikes in every trend's per-second p95 (metrics in ms), error bursts in <c>http_req_failed</c>, and
    /// throughput drops in <c>http_reqs</c>; ordered by start.
    /// </summary>
    public static IReadOnlyList<Anomaly> Find(RunResult result, AnomalyOptions? options = null)
    {
        options ??= new AnomalyOptions();
        var found = new List<Anomaly>();
        foreach (var metric in result.Metrics)
        {
            if (metric.Kind == MetricKind.Trend && metric.Unit == MetricUnit.Time)
            {
                found.AddRange(Find(metric.Name, "p95", metric.Unit, Aggregation.PerSecond(metric.Timeline, metric.Kind, "p95"), AnomalyKind.LatencySpike, options));
            }
            else if (metric.Kind == MetricKind.Rate && metric.Name.EndsWith("_failed", StringComparison.Ordinal))
            {
                found.AddRange(Find(metric.Name, "rate", metric.Unit, Aggregation.PerSecond(metric.Timeline, metric.Kind, "rate"), AnomalyKind.ErrorBurst, options));
            }
            else if (metric.Name == "http_reqs")
            {
                found.AddRange(Find(metric.Name, "rate", metric.Unit, Aggregation.PerSecond(metric.Timeline, metric.Kind, "rate"), AnomalyKind.ThroughputDrop, options));
            }
        }

        return [.. found.OrderBy(a => a.StartSecond).ThenBy(a => a.Metric, StringComparer.Ordinal)];
    }

    /// <summary>Anomalies of one kind in one per-second series.</summary>
    public static IReadOnlyList<Anomaly> Find(string metric, string aggregation, MetricUnit unit, IReadOnlyList<SecondValue> points, AnomalyKind kind, AnomalyOptions? options = null)
    {
        options ??= new AnomalyOptions();
        var anomalies = new List<Anomaly>();
        if (points.Count < 5)
        {
            return anomalies;
        }

        var half = Math.Max(2, options.Window / 2);
        Anomaly? open = null;
        for (var i = 0; i < points.Count; i++)
        {
            var window = new double[Math.Min(points.Count, i + half + 1) - Math.Max(0, i - half)];
            for (var k = 0; k < window.Length; k++)
            {
                window[k] = points[Math.Max(0, i - half) + k].Value;
            }

            var median = Aggregation.Median([.. window]);
            var mad = Aggregation.Median([.. window.Select(v => Math.Abs(v - median))]);
            var value = points[i].Value;
            var departure = kind == AnomalyKind.ThroughputDrop ? median - value : value - median;
            var floor = kind == AnomalyKind.ErrorBurst ? options.MinErrorRateRise : options.MinRelativeChange * Math.Abs(median);
            var scale = Math.Max(1.4826 * mad, 1e-9);
            var score = departure / scale;
            var warmingUp = points[i].Second - points[0].Second < options.WarmUpSeconds;
            var anomalous = !warmingUp && score >= options.Threshold && departure >= floor && departure > 0;
            if (anomalous)
            {
                var peakIsMore = open is null || (kind == AnomalyKind.ThroughputDrop ? value < open.Peak : value > open.Peak);
                open = open is null
                    ? new Anomaly { Kind = kind, Metric = metric, Aggregation = aggregation, Unit = unit, StartSecond = points[i].Second, EndSecond = points[i].Second, Peak = value, Usual = median, Score = score }
                    : open with { EndSecond = points[i].Second, Peak = peakIsMore ? value : open.Peak, Score = Math.Max(open.Score, score) };
            }
            else if (open is not null)
            {
                anomalies.Add(open);
                open = null;
            }
        }

        if (open is not null)
        {
            anomalies.Add(open);
        }

        return anomalies;
    }
}
