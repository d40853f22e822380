using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Stampede.DemoTarget.Faults;
using Stampede.DemoTarget.Streaming;
using Stampede.DemoTarget.Tenancy;

namespace Stampede.DemoTarget.Observability;

/// <summary>What <c>GET /metrics</c> reports: requests per route, streams, spend per organisation, the process and the backend loop.</summary>
internal sealed class DemoMetrics(LoopFrequencyMonitor loop, TenantStore tenants, ConcurrencyGate gate, TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Route, string Method), RequestStats> _routes = new();
    private readonly DateTimeOffset _started = time.GetUtcNow();
    private long _sseStreams;
    private long _webSocketStreams;
    private long _completionStreams;
    private long _webSocketSessions;
    private long _injectedErrors;
    private long _droppedConnections;

    public void RecordRequest(string route, string method, int status, TimeSpan duration) =>
        _routes.GetOrAdd((route, method), static _ => new RequestStats()).Record(status, duration);

    public RequestStats? Stats(string route, string method) => _routes.GetValueOrDefault((route, method));

    /// <summary>Counts a stream as active until the returned handle is disposed.</summary>
    public ActiveStream TrackStream(StreamKind kind)
    {
        Interlocked.Increment(ref Counter(kind));
        return new ActiveStream(this, kind);
    }

    public void InjectedError() => Interlocked.Increment(ref _injectedErrors);

    public void DroppedConnection() => Interlocked.Increment(ref _droppedConnections);

    public long ActiveStreams(StreamKind kind) => Interlocked.Read(ref Counter(kind));

    public string Render()
    {
        var text = new StringBuilder(8192);
        var w = new PrometheusTextWriter(text);
        var routes = _routes.ToArray().OrderBy(p => p.Key.Route, StringComparer.Ordinal).ThenBy(p => p.Key.Method, StringComparer.Ordinal).ToArray();

        w.Family("demo_http_requests_total", "counter", "HTTP requests answered, by route, method and status code.");
        foreach (var (key, stats) in routes)
        {
            foreach (var (status, count) in stats.StatusCounts())
            {
                w.Sample("demo_http_requests_total", count, ("route", key.Route), ("method", key.Method), ("status", status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        w.Family("demo_http_request_duration_seconds", "histogram", "Time from request start to the end of its response, queueing included.");
        foreach (var (key, stats) in routes)
        {
            w.Histogram("demo_http_request_duration_seconds", RequestStats.Bounds, stats.BucketCounts(), stats.SumSeconds, stats.Count, ("route", key.Route), ("method", key.Method));
        }

        w.Family("demo_active_streams", "gauge", "Streamed answers in progress, by protocol.");
        w.Sample("demo_active_streams", ActiveStreams(StreamKind.Sse), ("protocol", "sse"));
        w.Sample("demo_active_streams", ActiveStreams(StreamKind.WebSocket), ("protocol", "websocket"));
        w.Sample("demo_active_streams", ActiveStreams(StreamKind.Completion), ("protocol", "openai"));

        w.Family("demo_websocket_sessions", "gauge", "Open WebSocket sessions (chat and pub/sub).");
        w.Sample("demo_websocket_sessions", Interlocked.Read(ref _webSocketSessions));

        w.Family("demo_requests_in_flight", "gauge", "Requests holding a concurrency slot.");
        w.Sample("demo_requests_in_flight", gate.InFlight);
        w.Family("demo_requests_queued", "gauge", "Requests waiting for a concurrency slot.");
        w.Sample("demo_requests_queued", gate.Queued);
        w.Family("demo_requests_rejected_total", "counter", "Requests answered 503 because the queue was full or the wait too long.");
        w.Sample("demo_requests_rejected_total", gate.Rejected);
        w.Family("demo_injected_errors_total", "counter", "Requests answered 500 by the error-rate fault.");
        w.Sample("demo_injected_errors_total", Interlocked.Read(ref _injectedErrors));
        w.Family("demo_dropped_connections_total", "counter", "Connections aborted by the drop-rate fault.");
        w.Sample("demo_dropped_connections_total", Interlocked.Read(ref _droppedConnections));

        var orgs = tenants.Orgs().OrderBy(o => o.Slug, StringComparer.Ordinal).ToArray();
        w.Family("demo_org_spend_usd_total", "counter", "Money spent by each organisation on the AI endpoints, in US dollars.");
        foreach (var org in orgs)
        {
            w.Sample("demo_org_spend_usd_total", (double)org.SpentUsd, ("org", org.Slug));
        }

        w.Family("demo_org_budget_usd", "gauge", "Budget of each organisation, in US dollars.");
        foreach (var org in orgs)
        {
            w.Sample("demo_org_budget_usd", (double)org.BudgetUsd, ("org", org.Slug));
        }

        w.Family("demo_org_requests_total", "counter", "AI requests accepted for each organisation.");
        foreach (var org in orgs)
        {
            w.Sample("demo_org_requests_total", org.Requests, ("org", org.Slug));
        }

        w.Family("backend_loop_hz", "gauge", $"Measured frequency of a background loop that aims for {loop.TargetHz} Hz; it drops when the server is overloaded.");
        w.Sample("backend_loop_hz", loop.Hz);

        WriteProcess(w);
        return text.ToString();
    }

    private void WriteProcess(PrometheusTextWriter w)
    {
        using var process = Process.GetCurrentProcess();
        w.Family("process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.");
        w.Sample("process_cpu_seconds_total", process.TotalProcessorTime.TotalSeconds);
        w.Family("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.");
        w.Sample("process_resident_memory_bytes", process.WorkingSet64);
        w.Family("process_start_time_seconds", "gauge", "Start time of the server since unix epoch in seconds.");
        w.Sample("process_start_time_seconds", _started.ToUnixTimeMilliseconds() / 1000.0);
        w.Family("process_threads", "gauge", "Threads of the process.");
        w.Sample("process_threads", process.Threads.Count);
        w.Family("dotnet_gc_heap_bytes", "gauge", "Bytes the garbage collector thinks are allocated.");
        w.Sample("dotnet_gc_heap_bytes", GC.GetTotalMemory(false));
        w.Family("dotnet_gc_collections_total", "counter", "Garbage collections, by generation.");
        for (var gen = 0; gen <= GC.MaxGeneration; gen++)
        {
            w.Sample("dotnet_gc_collections_total", GC.CollectionCount(gen), ("generation", gen.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        w.Family("dotnet_threadpool_queue_length", "gauge", "Work items waiting in the thread pool.");
        w.Sample("dotnet_threadpool_queue_length", ThreadPool.PendingWorkItemCount);
        w.Family("dotnet_threadpool_threads", "gauge", "Threads in the thread pool.");
        w.Sample("dotnet_threadpool_threads", ThreadPool.ThreadCount);
    }

    internal void WebSocketOpened() => Interlocked.Increment(ref _webSocketSessions);

    internal void WebSocketClosed() => Interlocked.Decrement(ref _webSocketSessions);

    private ref long Counter(StreamKind kind)
    {
        switch (kind)
        {
            case StreamKind.Sse: return ref _sseStreams;
            case StreamKind.WebSocket: return ref _webSocketStreams;
            default: return ref _completionStreams;
        }
    }

    internal void EndStream(StreamKind kind) => Interlocked.Decrement(ref Counter(kind));

    internal readonly struct ActiveStream(DemoMetrics metrics, StreamKind kind) : IDisposable
    {
        public void Dispose() => metrics.EndStream(kind);
    }
}
