using System.Buffers;
using System.Text.Json;
using Stampede.Cli.Coordination;
using Stampede.Metrics;
using Stampede.Plans;

namespace Stampede.Cli.Dashboard;

/// <summary>
/// One second of a coordinated run as the fleet's dashboard receives it: the same frame a single run's page draws
/// (<c>DashboardFrame</c>), built from what the workers report each second — their VUs and
/// their running counts of requests, failures and iterations, added up — with one row per worker where a single
/// run lists its scenarios. Latency percentiles are not in the workers' progress, so the fleet's page has none
/// until the merged result.
/// </summary>
internal static class FleetFrame
{
    /// <param name="second">Seconds since the start, from 1.</param>
    /// <param name="startAt">When the workers started.</param>
    /// <param name="elapsed">Time since the start.</param>
    /// <param name="lastSecond">The fleet's requests, failures and iterations in the last second.</param>
    /// <param name="workers">Each worker now.</param>
    /// <param name="thresholds">The plan's thresholds, to list (judged only at the end, but for abortOnFail).</param>
    /// <param name="events">Control actions so far.</param>
    /// <param name="droppedFrames">Frames slow browsers missed.</param>
    public static byte[] Write(int second, DateTimeOffset startAt, TimeSpan elapsed, (long Requests, long Failures, long Iterations) lastSecond,
        IReadOnlyList<(string Name, string Segment, WorkerProgress Progress, string State)> workers, IReadOnlyList<ThresholdPlan> thresholds,
        IReadOnlyList<RunAnnotation> events, long droppedFrames)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var json = new Utf8JsonWriter(buffer))
        {
            var vus = workers.Sum(w => w.Progress.Vus);
            json.WriteStartObject();
            json.WriteString("type", "second");
            json.WriteNumber("second", second);
            json.WriteNumber("t", startAt.ToUnixTimeMilliseconds() / 1000.0 + second);
            json.WriteNumber("elapsed", Math.Round(elapsed.TotalSeconds, 3));
            json.WriteNumber("vus", vus);
            json.WriteNumber("vusMax", vus);
            json.WriteNumber("requests", lastSecond.Requests);
            json.WriteNumber("failures", lastSecond.Failures);
            json.WriteBoolean("paused", false);
            json.WriteNumber("droppedFrames", droppedFrames);
            json.WriteStartArray("metrics");
            Metric(json, BuiltinMetrics.Iterations.Name, "counter", lastSecond.Iterations);
            json.WriteStartObject();
            json.WriteString("name", BuiltinMetrics.HttpReqFailed.Name);
            json.WriteString("kind", "rate");
            json.WriteString("unit", "");
            json.WriteString("section", "builtin");
            json.WriteStartArray("p");
            json.WriteNumberValue(lastSecond.Failures);
            json.WriteNumberValue(lastSecond.Requests);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartArray("endpoints");
            json.WriteEndArray();
            json.WriteStartArray("checks");
            json.WriteEndArray();
            json.WriteStartArray("thresholds");
            foreach (var threshold in thresholds)
            {
                json.WriteStartObject();
                json.WriteString("metric", threshold.Selector);
                json.WriteString("expression", threshold.Expression);
                json.WriteBoolean("failing", false);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("scenarios");
            foreach (var (name, segment, progress, state) in workers)
            {
                json.WriteStartObject();
                json.WriteString("name", name);
                json.WriteString("executor", "segment " + segment);
                json.WriteNumber("vus", progress.Vus);
                json.WriteNumber("iterations", progress.Iterations);
                json.WriteNumber("dropped", 0);
                json.WriteNumber("elapsed", Math.Round(elapsed.TotalSeconds, 1));
                json.WriteNumber("scheduled", Math.Round(progress.LatestEnd ?? 0, 1));
                json.WriteString("state", state);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("events");
            foreach (var e in events)
            {
                json.WriteStartObject();
                json.WriteNumber("at", Math.Round(e.At, 1));
                json.WriteString("kind", e.Kind);
                json.WriteString("description", e.Description);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Metric(Utf8JsonWriter json, string name, string kind, double value)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("kind", kind);
        json.WriteString("unit", "");
        json.WriteString("section", "builtin");
        json.WriteStartArray("p");
        json.WriteNumberValue(value);
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
