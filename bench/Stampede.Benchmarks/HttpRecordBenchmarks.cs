using BenchmarkDotNet.Attributes;
using Stampede.Metrics;
using Stampede.Protocols.Http;

namespace Stampede.Benchmarks;

/// <summary>Recording k6's eleven HTTP series for one response (7 trends, 3 counters, 1 rate): target 0 B.</summary>
[MemoryDiagnoser]
public class HttpRecordBenchmarks
{
    private HttpMetricsRecorder _recorder = null!;
    private HttpResponse _response = null!;
    private TagSet _tags = null!;

    [GlobalSetup]
    public void Setup()
    {
        _recorder = new HttpMetricsRecorder(new MetricRegistry());
        _tags = TagSet.Of(("scenario", "default"));
        _response = new HttpResponse(null)
        {
            Status = 200,
            Proto = "HTTP/1.1",
            ExpectedStatus = true,
            Name = "http://127.0.0.1:8080/",
            Url = "http://127.0.0.1:8080/",
            Method = "GET",
            BytesSent = 68,
            BytesReceived = 142,
            Timings = new HttpTimings { Blocked = 0.002, Sending = 0.011, Waiting = 0.3, Receiving = 0.004 },
        };
        _recorder.Record(_response, _tags);
    }

    [Benchmark]
    public void RecordResponse() => _recorder.Record(_response, _tags);
}
