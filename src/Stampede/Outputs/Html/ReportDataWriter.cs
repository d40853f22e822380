using System.Text.Json;
using Stampede.Metrics;

namespace Stampede.Outputs.Html;

/// <summary>
/// Writes the data the report's script draws: time charts, the latency histogram and heatmap. Numbers keep four
/// significant digits (far below what a chart can show) so a 24-hour run stays a few megabytes. Load, latency and
/// error charts keep every second; when a long run has many other metrics, their charts are averaged over
/// several seconds so the page stays under about 10 MB however many metrics were recorded.
/// </summary>
internal static class ReportDataWriter
{
    /// <summary>Numbers all full-resolution charts may hold together before secondary charts are thinned.</summary>
    public const int PointBudget = 1_000_000;

    /// <summary>Numbers the secondary (streaming, other) charts hold together at most.</summary>
    public const int SecondaryBudget = 400_000;

    public static void Write(Utf8JsonWriter json, RunResult result)
    {
        var seconds = ReportCharts.Seconds(result);
        json.WriteStartObject();
        json.WriteNumber("t0", result.Meta.StartedAt.ToUnixTimeMilliseconds() / 1000.0);
        json.WriteNumber("seconds", seconds);
        json.WriteStartArray("charts");
        var charts = ReportCharts.For(result, seconds);
        var secondaryLines = charts.Where(IsSecondary).Sum(c => c.Lines.Count);
        var allLines = charts.Sum(c => c.Lines.Count);
        var step = (long)allLines * seconds <= PointBudget || secondaryLines == 0
            ? 1
            : (int)Math.Ceiling((double)secondaryLines * seconds / SecondaryBudget);
        foreach (var chart in charts)
        {
            var chartStep = IsSecondary(chart) ? Math.Max(step, 1) : 1;
            json.WriteStartObject();
            json.WriteNumber("step", chartStep);
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
                Numbers(json, chartStep == 1 ? line.Values : Average(line.Values, chartStep));
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
                json.WriteString("unit", latency.Unit.Symbol());
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
                json.WriteString("unit", latency.Unit.Symbol());
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

    private static bool IsSecondary(ReportChart chart) => chart.Section is ReportCharts.Streaming or ReportCharts.Other;

    /// <summary>Means over <paramref name="step"/> seconds, skipping seconds without samples (NaN).</summary>
    private static double[] Average(double[] values, int step)
    {
        var averaged = new double[(values.Length + step - 1) / step];
        for (var i = 0; i < averaged.Length; i++)
        {
            double sum = 0;
            var count = 0;
            for (var j = i * step; j < Math.Min(values.Length, (i + 1) * step); j++)
            {
                if (!double.IsNaN(values[j]))
                {
                    sum += values[j];
                    count++;
                }
            }

            averaged[i] = count == 0 ? double.NaN : sum / count;
        }

        return averaged;
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
