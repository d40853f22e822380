using HdrHistogram;
using Stampede.Metrics;

namespace Stampede.Reports.Tests.Support;

/// <summary>
/// A synthetic 24-hour soak result: 86,400 one-second points for the usual HTTP metrics (with endpoints, statuses
/// and errors) and streaming metrics, built directly rather than run, to measure report generation.
/// </summary>
public static class SoakResult
{
    public const int Seconds = 86_400;

    public static RunResult Create(int seconds = Seconds)
    {
        var random = new Random(7);
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        MetricResult Trend(string name, MetricUnit unit, double scale, string[] endpoints)
        {
            var histogram = new LongHistogram(3_600_000_000, 3);
            var timeline = new TimelineResult
            {
                Total = new long[seconds],
                Avg = new double[seconds],
                Min = new double[seconds],
                Max = new double[seconds],
                P50 = new double[seconds],
                P90 = new double[seconds],
                P95 = new double[seconds],
                P99 = new double[seconds],
            };
            for (var s = 0; s < seconds; s++)
            {
                var wave = 1 + (0.5 * Math.Sin(s / 3600.0));
                var p50 = scale * wave * (0.9 + (0.2 * random.NextDouble()));
                ((long[])timeline.Total)[s] = 200;
                ((double[])timeline.Min)[s] = p50 * 0.2;
                ((double[])timeline.P50)[s] = p50;
                ((double[])timeline.Avg)[s] = p50 * 1.2;
                ((double[])timeline.P90)[s] = p50 * 2;
                ((double[])timeline.P95)[s] = p50 * 2.6;
                ((double[])timeline.P99)[s] = p50 * 4.1;
                ((double[])timeline.Max)[s] = p50 * 9.7;
                if (s % 60 == 0)
                {
                    histogram.RecordValueWithCount((long)(p50 * 1000), 60 * 100);
                    histogram.RecordValueWithCount((long)(p50 * 4100), 60 * 2);
                }
            }

            var encoded = HistogramCodec.Encode(histogram);
            var values = new ResultValues { Count = 200.0 * seconds, Avg = scale * 1.2, Min = scale * 0.1, Med = scale, Max = scale * 15, P90 = scale * 2, P95 = scale * 2.6, P99 = scale * 4.1, Sum = 240.0 * seconds * scale };
            return new MetricResult
            {
                Name = name,
                Kind = MetricKind.Trend,
                Unit = unit,
                Values = values,
                Histogram = encoded,
                Timeline = timeline,
                Series = [.. endpoints.Select(e => new SeriesResult
                {
                    Tags = new Dictionary<string, string> { ["name"] = e, ["method"] = "GET", ["status"] = "200", ["expected_response"] = "true", ["scenario"] = "soak" },
                    Values = values with { Count = 200.0 * seconds / endpoints.Length },
                    Histogram = encoded,
                })],
            };
        }

        MetricResult Counter(string name, MetricUnit unit, double perSecond, IReadOnlyList<SeriesResult>? series = null) => new()
        {
            Name = name,
            Kind = MetricKind.Counter,
            Unit = unit,
            Values = new ResultValues { Count = perSecond * seconds, Rate = perSecond },
            Timeline = new TimelineResult { Values = [.. Enumerable.Range(0, seconds).Select(s => Math.Round(perSecond * (0.9 + (0.2 * random.NextDouble()))))] },
            Series = series ?? [],
        };

        string[] endpoints = ["/api/items", "/api/items/{id}", "/api/search", "/api/cart", "/v1/chat/completions"];
        var failedSeries = new SeriesResult
        {
            Tags = new Dictionary<string, string> { ["name"] = "/api/cart", ["method"] = "GET", ["status"] = "503", ["expected_response"] = "false", ["error_code"] = "1503" },
            Values = new ResultValues { Count = seconds },
            Timeline = new TimelineResult { Values = [.. Enumerable.Range(0, seconds).Select(s => s % 600 < 30 ? 5.0 : 0)] },
        };
        return new RunResult
        {
            Meta = new RunMetadata { Plan = "soak-24h", StartedAt = start, EndedAt = start.AddSeconds(seconds), DurationSeconds = seconds, Seconds = seconds, Host = "bench", ToolVersion = "1.0.0" },
            Metrics =
            [
                Trend("http_req_duration", MetricUnit.Time, 12, endpoints),
                Trend("http_req_waiting", MetricUnit.Time, 10, endpoints),
                Trend("iteration_duration", MetricUnit.Time, 40, []),
                Trend("llm_ttft", MetricUnit.Time, 300, []),
                Trend("llm_itl", MetricUnit.Time, 20, []),
                Counter("http_reqs", MetricUnit.None, 200, [failedSeries]),
                Counter("iterations", MetricUnit.None, 50),
                Counter("data_received", MetricUnit.Data, 400_000),
                Counter("llm_tokens", MetricUnit.None, 900),
                new MetricResult
                {
                    Name = "http_req_failed", Kind = MetricKind.Rate, Values = new ResultValues { Count = 200.0 * seconds, Rate = 0.01, Passes = seconds, Fails = (200 * seconds) - seconds },
                    Timeline = new TimelineResult { Passes = [.. Enumerable.Range(0, seconds).Select(s => s % 600 < 30 ? 5L : 0)], Total = [.. Enumerable.Repeat(200L, seconds)] },
                },
                new MetricResult
                {
                    Name = "vus", Kind = MetricKind.Gauge, Values = new ResultValues { Value = 50, Min = 0, Max = 50 },
                    Timeline = new TimelineResult { Values = [.. Enumerable.Range(0, seconds).Select(s => Math.Min(50.0, s / 10.0))] },
                },
            ],
            Thresholds = [new ThresholdResult { Metric = "http_req_duration", Expression = "p(95)<500", Outcome = ThresholdOutcomeNames.Passed, Observed = 31.2 }],
            Checks = [new CheckResult("status is 200", "", 200L * seconds, 0)],
        };
    }
}
