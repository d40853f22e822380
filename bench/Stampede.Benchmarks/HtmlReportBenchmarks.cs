using BenchmarkDotNet.Attributes;
using HdrHistogram;
using Stampede.Metrics;
using Stampede.Outputs.Html;

namespace Stampede.Benchmarks;

/// <summary>
/// Turning a 24-hour soak's result (86,400 one-second points per timeline) into the HTML report. The budget is
/// under 5 s and under 10 MB, reading the result included (<c>HtmlReportSoakTests</c> checks both on every run).
/// </summary>
[MemoryDiagnoser]
public class HtmlReportBenchmarks
{
    private const int Seconds = 86_400;
    private string _json = "";
    private RunResult _result = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        _result = new RunResult
        {
            Meta = new RunMetadata { Plan = "soak-24h", StartedAt = start, EndedAt = start.AddSeconds(Seconds), DurationSeconds = Seconds, Seconds = Seconds },
            Metrics =
            [
                Trend("http_req_duration", 12, random), Trend("http_req_waiting", 10, random), Trend("llm_ttft", 300, random), Trend("llm_itl", 20, random),
                Counter("http_reqs", 200, random), Counter("iterations", 50, random), Counter("llm_tokens", 900, random),
                new MetricResult
                {
                    Name = "vus", Kind = MetricKind.Gauge, Values = new ResultValues { Value = 50, Min = 0, Max = 50 },
                    Timeline = new TimelineResult { Values = [.. Enumerable.Range(0, Seconds).Select(s => Math.Min(50.0, s / 10.0))] },
                },
            ],
        };
        _json = RunResultJson.Serialize(_result);
    }

    /// <summary>The report from a result already in memory.</summary>
    [Benchmark(Baseline = true)]
    public int Render() => HtmlReport.Render(_result).Length;

    /// <summary>The report from the saved result, as <c>stampede report</c> makes it.</summary>
    [Benchmark]
    public int ReadAndRender() => HtmlReport.Render(RunResultJson.Deserialize(_json)).Length;

    private static MetricResult Trend(string name, double scale, Random random)
    {
        var histogram = new LongHistogram(3_600_000_000, 3);
        double[] Column(double factor) => [.. Enumerable.Range(0, Seconds).Select(s => scale * factor * (1 + (0.5 * Math.Sin(s / 3600.0))) * (0.9 + (0.2 * random.NextDouble())))];
        for (var i = 0; i < 10_000; i++)
        {
            histogram.RecordValue((long)(scale * 1000 * (0.2 + (4 * random.NextDouble() * random.NextDouble()))));
        }

        return new MetricResult
        {
            Name = name,
            Kind = MetricKind.Trend,
            Unit = MetricUnit.Time,
            Histogram = HistogramCodec.Encode(histogram),
            Values = new ResultValues { Count = 200.0 * Seconds, Avg = scale * 1.2, Min = scale * 0.1, Med = scale, Max = scale * 15, P90 = scale * 2, P95 = scale * 2.6, P99 = scale * 4.1, Sum = 240.0 * Seconds * scale },
            Timeline = new TimelineResult
            {
                Total = [.. Enumerable.Repeat(200L, Seconds)],
                Avg = Column(1.2),
                Min = Column(0.2),
                Max = Column(9.7),
                P50 = Column(1),
                P90 = Column(2),
                P95 = Column(2.6),
                P99 = Column(4.1),
            },
        };
    }

    private static MetricResult Counter(string name, double perSecond, Random random) => new()
    {
        Name = name,
        Kind = MetricKind.Counter,
        Values = new ResultValues { Count = perSecond * Seconds, Rate = perSecond },
        Timeline = new TimelineResult { Values = [.. Enumerable.Range(0, Seconds).Select(_ => Math.Round(perSecond * (0.9 + (0.2 * random.NextDouble()))))] },
    };
}
