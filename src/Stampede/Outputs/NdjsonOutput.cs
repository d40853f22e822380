using System.Text.Json;
using Stampede.Metrics;

namespace Stampede.Outputs;

/// <summary>
/// <c>--out ndjson=FILE</c>: one JSON object per line, written live each second (flushed, so <c>tail -f</c> and
/// log shippers see it at once): a <c>point</c> per metric with samples in that second, then an <c>end</c> line
/// with the verdict. With <paramref name="samples"/> (<c>--out ndjson=FILE?samples=true</c>) it also writes every
/// raw sample as a <c>sample</c> line; that costs each recording one lock-free enqueue, so it is opt-in.
/// </summary>
public sealed class NdjsonOutput(string template, TimeProvider? time = null, bool samples = false) : IOutput, IRawSampleOutput
{
    private SampleTap? _tap;
    private long _startTimestamp;

    /// <inheritdoc />
    public bool WantsRawSamples => samples;

    /// <inheritdoc />
    public void AttachSamples(SampleTap tap) => _tap = tap;

#pragma warning disable RS0030 // a composition root of the public API: a caller that gives no clock gets the system's
    private readonly TimeProvider _time = time ?? TimeProvider.System;
#pragma warning restore RS0030
    private readonly Lock _gate = new();
    private FileStream? _stream;
    private Utf8JsonWriter? _json;
    private DateTimeOffset _start;

    /// <summary>The file being written, once the run has started.</summary>
    public string? Path { get; private set; }

    /// <inheritdoc />
    public void Start(RunInfo run)
    {
        ArgumentNullException.ThrowIfNull(run);
        _start = _time.GetUtcNow();
        _startTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
        Path = OutputPath.Resolve(template, run.Plan.Name, _time.GetLocalNow());
        OutputFile.EnsureFolder(Path);
        _stream = new FileStream(Path, FileMode.Create, FileAccess.Write, FileShare.Read);
        _json = new Utf8JsonWriter(_stream, new JsonWriterOptions { SkipValidation = true });
        lock (_gate)
        {
            _json.WriteStartObject();
            _json.WriteString("type", "start");
            _json.WriteString("plan", run.Plan.Name);
            _json.WriteString("time", _start);
            _json.WriteEndObject();
            EndLine();
        }
    }

    /// <inheritdoc />
    public void OnSecond(LiveSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (_json is null)
        {
            return;
        }

        lock (_gate)
        {
            var second = snapshot.Second - 1;
            var time = _start.AddSeconds(second);
            foreach (var metric in snapshot.Metrics.Metrics.OrderBy(m => m.Name, StringComparer.Ordinal))
            {
                if (snapshot.Metrics.TimelineOf(metric) is not { } timeline || timeline.Count == 0 || timeline.FirstSecond + timeline.Count - 1 != second)
                {
                    continue;
                }

                if (!WritePoint(metric, timeline, second, time))
                {
                    continue;
                }

                EndLine();
            }

            WriteSamples();
            _stream!.Flush();
        }
    }

    /// <summary>Writes the raw samples waiting in the tap: time since the start, metric, value, tags.</summary>
    private void WriteSamples()
    {
        if (_tap is null)
        {
            return;
        }

        var json = _json!;
        while (_tap.TryRead(out var sample))
        {
            json.WriteStartObject();
            json.WriteString("type", "sample");
            json.WriteNumber("t", Math.Round(System.Diagnostics.Stopwatch.GetElapsedTime(_startTimestamp, sample.Timestamp).TotalSeconds, 6));
            json.WriteString("metric", sample.Series.Metric.Name);
            json.WriteNumber("value", sample.Value);
            json.WriteStartObject("tags");
            foreach (var (key, value) in sample.Series.Tags.Items)
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
            EndLine();
        }
    }

    /// <inheritdoc />
    public async Task EndAsync(RunResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (_json is null || _stream is null)
        {
            return;
        }

        lock (_gate)
        {
            WriteSamples();
            _json.WriteStartObject();
            _json.WriteString("type", "end");
            _json.WriteBoolean("passed", result.Passed);
            if (_tap is { Dropped: > 0 } tap)
            {
                _json.WriteNumber("droppedSamples", tap.Dropped);
            }

            _json.WriteNumber("seconds", result.Meta.Seconds);
            if (result.Meta.StopReason is { } reason)
            {
                _json.WriteString("stopReason", reason);
            }

            _json.WriteEndObject();
            EndLine();
        }

        await _json.DisposeAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _json = null;
        _stream = null;
    }

    private bool WritePoint(Metric metric, MetricTimeline timeline, int second, DateTimeOffset time)
    {
        var json = _json!;
        switch (metric.Kind)
        {
            case MetricKind.Trend when timeline.Trends[^1] is { Count: > 0 } p:
                Begin(json, metric, second, time);
                json.WriteNumber("count", p.Count);
                json.WriteNumber("avg", p.Avg);
                json.WriteNumber("min", p.Min);
                json.WriteNumber("max", p.Max);
                json.WriteNumber("p50", p.P50);
                json.WriteNumber("p90", p.P90);
                json.WriteNumber("p95", p.P95);
                json.WriteNumber("p99", p.P99);
                break;
            case MetricKind.Rate when timeline.Rates[^1] is { Total: > 0 } r:
                Begin(json, metric, second, time);
                json.WriteNumber("passes", r.Passes);
                json.WriteNumber("total", r.Total);
                json.WriteNumber("rate", (double)r.Passes / r.Total);
                break;
            case MetricKind.Counter when timeline.Values[^1] != 0:
            case MetricKind.Gauge:
                Begin(json, metric, second, time);
                json.WriteNumber("value", timeline.Values[^1]);
                break;
            default:
                return false;
        }

        json.WriteEndObject();
        return true;
    }

    private static void Begin(Utf8JsonWriter json, Metric metric, int second, DateTimeOffset time)
    {
        json.WriteStartObject();
        json.WriteString("type", "point");
        json.WriteString("metric", metric.Name);
        json.WriteString("kind", metric.Kind.Name());
        json.WriteNumber("second", second);
        json.WriteString("time", time);
    }

    private void EndLine()
    {
        _json!.Flush();
        _stream!.WriteByte((byte)'\n');
        _json.Reset();
    }
}
