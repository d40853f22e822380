using System.Text.Json;
using Stampede.Metrics;

namespace Stampede.Outputs.Html;

/// <summary>
/// Writes the data the report's script draws: time charts, the latency histogram and heatmap. Numbers keep four
/// significant digits (far below what a chart can show) so a 24-hour run stays a few megabytes.
/// </summary>
internal static class ReportDataWriter
{
    public static void Write(Utf8JsonWriter json, RunResult result)
    {
        var seconds = ReportCharts.Seconds(result);
        json.WriteStartObject();
        json.WriteNumber("t0", result.Meta.StartedAt.ToUnixTimeMilliseconds() / 1000.0);
        json.WriteNumber("seconds", seconds);
        json.WriteStartArray("charts");
        foreach (var chart in ReportCharts.For(result, seconds))
        {
            json.WriteStartObject();
            json.WriteString("id", chart.Id);
            json.WriteString("section", chart.Section);
            json.WriteString("title", chart.Title);
            json.WriteString("unit", chart.Unit);
            json.WriteStartArray("labels");
            foreach (var line in chart.Lines)
            {
                json.WriteStringValue(line.Label);
            }

            json.WriteEndArray();
            json.WriteStartArray("data");
            foreach (var line in chart.Lines)
            {
                Numbers(json, line.Values);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (ReportCharts.LatencyMetric(result) is { } latency)
        {
            if (LatencyHistogram.From(latency) is { } histogram)
            {
                json.WriteStartObject("histogram");
                json.WriteString("metric", latency.Name);
                json.WriteString("unit", latency.Unit);
                json.WritePropertyName("edges");
                Numbers(json, histogram.Edges);
                json.WriteStartArray("counts");
                foreach (var count in histogram.Counts)
                {
                    json.WriteNumberValue(count);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            if (LatencyHeatmap.From(latency, seconds) is { } heatmap)
            {
                json.WriteStartObject("heatmap");
                json.WriteString("metric", latency.Name);
                json.WriteString("unit", latency.Unit);
                json.WriteNumber("step", heatmap.SecondsPerColumn);
                json.WritePropertyName("edges");
                Numbers(json, heatmap.Edges);
                json.WriteStartArray("columns");
                foreach (var column in heatmap.Columns)
                {
                    Numbers(json, column);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }
        }

        json.WriteEndObject();
    }

    private static void Numbers(Utf8JsonWriter json, IReadOnlyList<double> values)
    {
        json.WriteStartArray();
        foreach (var value in values)
        {
            if (double.IsFinite(value))
            {
                json.WriteNumberValue(Round(value));
            }
            else
            {
                json.WriteNullValue();
            }
        }

        json.WriteEndArray();
    }

    internal static double Round(double value)
    {
        if (value == 0 || value == Math.Floor(value))
        {
            return value;
        }

        var digits = 3 - (int)Math.Floor(Math.Log10(Math.Abs(value)));
        return digits <= 0 ? Math.Round(value) : Math.Round(value, Math.Min(digits, 15));
    }
}
