using Stampede.Metrics;

namespace Stampede.Testing;

/// <summary>Builds results with known per-second latency, throughput and errors from a seeded generator.</summary>
internal static class SyntheticRuns
{
    /// <summary>
    /// A run of <paramref name="seconds"/> seconds whose per-second p95 is drawn around <paramref name="p95"/> (ms) with
    /// relative noise <paramref name="noise"/>, plus <paramref name="slopePerSecond"/> ms added each second.
    /// </summary>
    public static RunResult Run(
        int seed,
        double p95 = 200,
        int seconds = 60,
        double noise = 0.08,
        double slopePerSecond = 0,
        double errorRate = 0.002,
        double requestsPerSecond = 100,
        string plan = "checkout",
        IReadOnlyDictionary<string, string>? tags = null,
        bool passed = true,
        DateTimeOffset? startedAt = null,
        Func<int, double, double>? shape = null)
    {
        var random = new Random(seed);
        var p95s = new double[seconds];
        var p99s = new double[seconds];
        var avgs = new double[seconds];
        var totals = new long[seconds];
        var failures = new long[seconds];
        var requests = new double[seconds];
        for (var i = 0; i < seconds; i++)
        {
            var value = p95 * (1 + (noise * Gaussian(random))) + (slopePerSecond * i);
            value = shape?.Invoke(i, value) ?? value;
            p95s[i] = Math.Max(1, value);
            p99s[i] = p95s[i] * 1.3;
            avgs[i] = p95s[i] * 0.5;
            totals[i] = (long)Math.Round(requestsPerSecond * (1 + (0.02 * Gaussian(random))));
            failures[i] = Binomial(random, totals[i], errorRate);
            requests[i] = totals[i];
        }

        var total = totals.Sum();
        var failed = failures.Sum();
        var duration = new MetricResult
        {
            Name = "http_req_duration",
            Kind = MetricKind.Trend,
            Unit = MetricUnit.Time,
            Values = Values(p95s, p99s, avgs, total),
            Timeline = new TimelineResult { Total = totals, P95 = p95s, P99 = p99s, Avg = avgs, P50 = avgs, P90 = avgs, Min = avgs, Max = p99s },
            Series =
            [
                new SeriesResult
                {
                    Tags = new Dictionary<string, string> { ["name"] = "checkout", ["method"] = "POST" },
                    Values = Values(p95s, p99s, avgs, total),
                    Timeline = new TimelineResult { Total = totals, P95 = p95s, P99 = p99s, Avg = avgs, P50 = avgs, P90 = avgs, Min = avgs, Max = p99s },
                },
            ],
        };
        var failedMetric = new MetricResult
        {
            Name = "http_req_failed",
            Kind = MetricKind.Rate,
            Values = new ResultValues { Count = total, Passes = failed, Fails = total - failed, Rate = total == 0 ? 0 : (double)failed / total },
            Timeline = new TimelineResult { Passes = failures, Total = totals },
        };
        var reqs = new MetricResult
        {
            Name = "http_reqs",
            Kind = MetricKind.Counter,
            Values = new ResultValues { Count = total, Rate = total / (double)seconds },
            Timeline = new TimelineResult { Values = requests },
        };
        var start = startedAt ?? new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        return new RunResult
        {
            Meta = new RunMetadata
            {
                Plan = plan,
                StartedAt = start,
                EndedAt = start.AddSeconds(seconds),
                DurationSeconds = seconds,
                ToolVersion = "1.0.0",
                Host = "ci-1",
                Tags = tags ?? new Dictionary<string, string>(),
                Seconds = seconds,
            },
            Metrics = [duration, failedMetric, reqs],
            Thresholds = [new ThresholdResult { Metric = "http_req_duration", Expression = "p(95)<500", Outcome = passed ? ThresholdOutcomeNames.Passed : ThresholdOutcomeNames.Failed, Observed = Median(p95s) }],
        };
    }

    /// <summary>A run with a memory gauge that grows by <paramref name="bytesPerSecond"/> each second.</summary>
    public static RunResult WithMemory(RunResult run, int seed, double bytesPerSecond)
    {
        var random = new Random(seed);
        var seconds = run.Meta.Seconds;
        var values = Enumerable.Range(0, seconds).Select(i => 200e6 + (bytesPerSecond * i) + (2e6 * Gaussian(random))).ToArray();
        var memory = new MetricResult
        {
            Name = "process_resident_memory_bytes",
            Kind = MetricKind.Gauge,
            Unit = MetricUnit.Data,
            Values = new ResultValues { Value = values[^1], Min = values.Min(), Max = values.Max() },
            Timeline = new TimelineResult { Values = values },
        };
        return run with { Metrics = [.. run.Metrics, memory] };
    }

    private static ResultValues Values(double[] p95s, double[] p99s, double[] avgs, long count) => new()
    {
        Count = count,
        Avg = avgs.Average(),
        Med = Median(avgs),
        Min = avgs.Min(),
        Max = p99s.Max(),
        P90 = Median(p95s) * 0.9,
        P95 = Median(p95s),
        P99 = Median(p99s),
        Sum = avgs.Average() * count,
    };

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static long Binomial(Random random, long trials, double p)
    {
        long hits = 0;
        for (var i = 0; i < trials; i++)
        {
            if (random.NextDouble() < p)
            {
                hits++;
            }
        }

        return hits;
    }
}
