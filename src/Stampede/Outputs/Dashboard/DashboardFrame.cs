using System.Buffers;
using System.Text.Json;
using Stampede.Metrics;
using Stampede.Outputs.Html;
using Stampede.Plans;

namespace Stampede.Outputs.Dashboard;

/// <summary>
/// One second of a run as the live dashboard receives it (a JSON object, one Server-Sent Event): the second's
/// point of every metric with the report's chart section it belongs in, the endpoint table and the checks so far,
/// each threshold's state now, the scenarios' progress and the run's events. Built once on the tick from the same
/// <see cref="LiveSnapshot"/> every other output gets, and sent to every browser as the same bytes.
/// </summary>
internal static class DashboardFrame
{
    /// <summary>The section of the dashboard a metric's chart goes in: the report's, plus the harness's own.</summary>
    public static string SectionOf(string metric) =>
        metric.StartsWith("harness_", StringComparison.Ordinal) ? "harness"
        : ReportCharts.IsStreaming(metric) ? ReportCharts.Streaming
        : ReportCharts.IsBuiltin(metric) ? "builtin"
        : ReportCharts.Other;

    /// <param name="snapshot">The second.</param>
    /// <param name="plan">The plan being run (its thresholds).</param>
    /// <param name="startedAt">When the run started, for the charts' wall-clock axis.</param>
    /// <param name="state">What the dashboard knows besides the metrics: pause, events, dropped frames.</param>
    public static byte[] Write(LiveSnapshot snapshot, TestPlan plan, DateTimeOffset startedAt, DashboardState state)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "second");
            json.WriteNumber("second", snapshot.Second);
            json.WriteNumber("t", startedAt.ToUnixTimeMilliseconds() / 1000.0 + snapshot.Second);
            json.WriteNumber("elapsed", Math.Round(snapshot.Elapsed.TotalSeconds, 3));
            json.WriteNumber("vus", snapshot.Vus);
            json.WriteNumber("vusMax", snapshot.VusMax);
            json.WriteNumber("requests", snapshot.RequestsLastSecond);
            json.WriteNumber("failures", snapshot.FailuresLastSecond);
            json.WriteBoolean("paused", state.Paused);
            json.WriteNumber("droppedFrames", state.DroppedFrames);
            Metrics(json, snapshot.Metrics);
            Endpoints(json, snapshot.Metrics);
            Checks(json, snapshot.Metrics);
            Thresholds(json, plan, snapshot.FailingThresholds);
            Scenarios(json, snapshot.Scenarios);
            Events(json, state.Events);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Before a <c>stampede ui</c> run: the page waits for Start, which the command waits for no longer than the form's timeout.</summary>
    public static byte[] Waiting(DashboardStartForm form)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "waiting");
            json.WriteNumber("timeout", Math.Round(form.TimeoutSeconds, 3));
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The last frame: the run is over, why it stopped, and where its HTML report is (when it wrote one).</summary>
    public static byte[] End(RunResult result, string? reportLink, DashboardState state)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "end");
            json.WriteBoolean("passed", result.Passed);
            json.WriteString("stopReason", result.Meta.StopReason);
            json.WriteNumber("duration", Math.Round(result.Meta.DurationSeconds, 3));
            json.WriteString("report", reportLink);
            json.WriteStartArray("thresholds");
            foreach (var threshold in result.Thresholds)
            {
                json.WriteStartObject();
                json.WriteString("metric", threshold.Metric);
                json.WriteString("expression", threshold.Expression);
                json.WriteBoolean("failing", threshold.Outcome == ThresholdOutcomeNames.Failed);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            Events(json, state.Events);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Metrics(Utf8JsonWriter json, MetricRegistry registry)
    {
        var second = registry.CollectedSeconds;
        json.WriteStartArray("metrics");
        foreach (var metric in registry.Metrics.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            // A timeline that did not get this second (a metric first seen later) has nothing to add to it.
            if (registry.TimelineOf(metric) is not { } timeline || timeline.FirstSecond + timeline.Count != second || timeline.Count == 0)
            {
                continue;
            }

            json.WriteStartObject();
            json.WriteString("name", metric.Name);
            json.WriteString("kind", metric.Kind.ToString().ToLowerInvariant());
            json.WriteString("unit", metric.Unit.Symbol());
            json.WriteString("section", SectionOf(metric.Name));
            json.WriteStartArray("p");
            switch (metric.Kind)
            {
                case MetricKind.Trend:
                    var t = timeline.Trends[^1];
                    if (t.Count == 0)
                    {
                        for (var i = 0; i < 6; i++)
                        {
                            json.WriteNullValue();
                        }
                    }
                    else
                    {
                        Number(json, t.P50);
                        Number(json, t.P90);
                        Number(json, t.P95);
                        Number(json, t.P99);
                        Number(json, t.Max);
                        Number(json, t.Avg);
                    }

                    json.WriteNumberValue(t.Count);
                    break;
                case MetricKind.Rate:
                    var r = timeline.Rates[^1];
                    json.WriteNumberValue(r.Passes);
                    json.WriteNumberValue(r.Total);
                    break;
                default:
                    Number(json, timeline.Values[^1]);
                    break;
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>Per request name so far, as the report's table counts them (<see cref="EndpointStats"/>): every request, failed ones included.</summary>
    private static void Endpoints(Utf8JsonWriter json, MetricRegistry registry)
    {
        var rows = new Dictionary<(string Group, string Method, string Name), (double Count, long Failures)>();
        foreach (var series in registry.SeriesOf(BuiltinMetrics.HttpReqs.Name).OfType<CounterSeries>())
        {
            var key = Key(series.Tags);
            var row = rows.GetValueOrDefault(key);
            rows[key] = row with { Count = row.Count + series.Total };
        }

        foreach (var series in registry.SeriesOf(BuiltinMetrics.HttpReqFailed.Name).OfType<RateSeries>())
        {
            var key = Key(series.Tags);
            var row = rows.GetValueOrDefault(key);
            rows[key] = row with { Failures = row.Failures + series.Passes };
        }

        var durations = registry.SeriesOf(BuiltinMetrics.HttpReqDuration.Name).OfType<TrendSeries>()
            .Where(t => t.Cumulative.TotalCount > 0)
            .GroupBy(t => Key(t.Tags))
            .ToDictionary(g => g.Key, g => g.ToList());
        json.WriteStartArray("endpoints");
        foreach (var (key, row) in rows.OrderByDescending(r => r.Value.Count).ThenBy(r => r.Key.Name, StringComparer.Ordinal))
        {
            json.WriteStartObject();
            json.WriteString("group", key.Group.TrimStart(':'));
            json.WriteString("method", key.Method);
            json.WriteString("name", key.Name);
            json.WriteNumber("count", row.Count);
            json.WriteNumber("failures", row.Failures);
            if (durations.TryGetValue(key, out var series))
            {
                // A row's series (one per status) merge into one histogram; a row of one series is read as it is.
                var histogram = series[0].Cumulative;
                if (series.Count > 1)
                {
                    histogram = histogram.Copy();
                    foreach (var more in series.Skip(1))
                    {
                        histogram.Add(more.Cumulative);
                    }
                }

                var scale = series[0].Scale;
                Number(json, "avg", series.Sum(t => t.CollectedSum) / histogram.TotalCount);
                Number(json, "p50", TrendStats.Percentile(histogram, scale, 50));
                Number(json, "p95", TrendStats.Percentile(histogram, scale, 95));
                Number(json, "p99", TrendStats.Percentile(histogram, scale, 99));
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static (string Group, string Method, string Name) Key(TagSet tags) =>
        (tags["group"] ?? "", tags["method"] ?? "", tags["name"] ?? "");

    private static void Checks(Utf8JsonWriter json, MetricRegistry registry)
    {
        json.WriteStartArray("checks");
        foreach (var group in registry.SeriesOf(BuiltinMetrics.Checks.Name).OfType<RateSeries>()
                     .GroupBy(s => (Group: s.Tags["group"] ?? "", Name: s.Tags["check"] ?? ""))
                     .OrderBy(g => g.Key.Group, StringComparer.Ordinal).ThenBy(g => g.Key.Name, StringComparer.Ordinal))
        {
            var passes = group.Sum(s => s.Passes);
            var total = group.Sum(s => s.Total);
            json.WriteStartObject();
            json.WriteString("group", group.Key.Group.TrimStart(':'));
            json.WriteString("name", group.Key.Name);
            json.WriteNumber("passes", passes);
            json.WriteNumber("fails", total - passes);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Thresholds(Utf8JsonWriter json, TestPlan plan, IReadOnlyList<string> failing)
    {
        var now = failing.ToHashSet(StringComparer.Ordinal);
        json.WriteStartArray("thresholds");
        foreach (var threshold in plan.Thresholds)
        {
            json.WriteStartObject();
            json.WriteString("metric", threshold.Selector);
            json.WriteString("expression", threshold.Expression);
            json.WriteBoolean("failing", now.Contains($"{threshold.Selector}: {threshold.Expression}"));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Scenarios(Utf8JsonWriter json, IReadOnlyList<ScenarioProgress> scenarios)
    {
        json.WriteStartArray("scenarios");
        foreach (var s in scenarios)
        {
            json.WriteStartObject();
            json.WriteString("name", s.Name);
            json.WriteString("executor", s.Executor);
            json.WriteNumber("vus", s.ActiveVus);
            json.WriteNumber("iterations", s.Iterations);
            json.WriteNumber("dropped", s.Dropped);
            json.WriteNumber("elapsed", Math.Round(s.Elapsed.TotalSeconds, 1));
            json.WriteNumber("scheduled", Math.Round(s.Scheduled.TotalSeconds, 1));
            json.WriteString("state", s.Finished ? "finished" : s.Started ? "running" : "waiting");
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Events(Utf8JsonWriter json, IReadOnlyList<RunAnnotation> events)
    {
        json.WriteStartArray("events");
        foreach (var e in events)
        {
            json.WriteStartObject();
            json.WriteNumber("at", Math.Round(e.At, 1));
            if (e.End is { } end)
            {
                json.WriteNumber("end", Math.Round(end, 1));
            }

            json.WriteString("kind", e.Kind);
            json.WriteString("description", e.Description);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumberValue(Math.Round(value, 3));
        }
        else
        {
            json.WriteNullValue();
        }
    }

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        json.WritePropertyName(name);
        Number(json, value);
    }
}
