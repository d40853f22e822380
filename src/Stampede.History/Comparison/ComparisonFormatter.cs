using System.Globalization;
using System.Text;
using System.Text.Json;
using Stampede.Metrics;

namespace Stampede.History.Comparison;

/// <summary>Writes a <see cref="ComparisonReport"/> as a console table, as Markdown (for a pull-request comment) or as JSON.</summary>
public static class ComparisonFormatter
{
    /// <summary>A plain-text table, one line per figure, and the verdict.</summary>
    public static string Table(ComparisonReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"baseline: {report.BaselineLabel}");
        text.AppendLine(CultureInfo.InvariantCulture, $"current:  {report.CurrentLabel}");
        text.AppendLine();
        string[] header = ["metric", "figure", "baseline", "current", "change", "tolerance", "p", "verdict"];
        var lines = report.Rows.Select(r => new[]
        {
            r.Selector, r.Aggregation, Format(r.Baseline, r), Format(r.Current, r), Change(r), r.Tolerance.ToString(), P(r.PValue), Word(r.Verdict),
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, lines.Count == 0 ? 0 : lines.Max(l => l[i].Length))).ToArray();
        text.AppendLine("  " + string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var line in lines)
        {
            text.AppendLine("  " + string.Join("  ", line.Select((cell, i) => i is >= 2 and <= 6 ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]))).TrimEnd());
        }

        text.AppendLine();
        text.AppendLine(Summary(report));
        return text.ToString();
    }

    /// <summary>A Markdown table with a one-line verdict first, ready to post as a pull-request comment.</summary>
    public static string Markdown(ComparisonReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(report.HasRegression ? "### ❌ Performance regression" : "### ✅ No performance regression");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Baseline **{Escape(report.BaselineLabel)}** vs current **{Escape(report.CurrentLabel)}**. {Summary(report)}");
        text.AppendLine();
        text.AppendLine("| metric | figure | baseline | current | change | tolerance | p | verdict |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---|");
        foreach (var r in report.Rows)
        {
            var verdict = r.Verdict switch
            {
                ComparisonVerdict.Regressed => "❌ regressed",
                ComparisonVerdict.Improved => "✅ improved",
                _ => Word(r.Verdict),
            };
            text.AppendLine(CultureInfo.InvariantCulture, $"| `{Escape(r.Selector)}` | {r.Aggregation} | {Format(r.Baseline, r)} | {Format(r.Current, r)} | {Change(r)} | {r.Tolerance} | {P(r.PValue)} | {verdict} |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"<sub>A figure regresses when it moves beyond its tolerance and a one-sided Mann–Whitney test over the runs' per-second values gives p &lt; {report.Alpha.ToString(CultureInfo.InvariantCulture)}. \"noise\": beyond tolerance but not distinguishable from run-to-run variation.</sub>");
        return text.ToString();
    }

    /// <summary>The report as JSON (camelCase; verdicts as lower-case words).</summary>
    /// <remarks>Written field by field (indented, nulls kept) rather than by reflection, so it works under NativeAOT.</remarks>
    public static string Json(ComparisonReport report)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("baseline", report.BaselineLabel);
            writer.WriteString("current", report.CurrentLabel);
            writer.WriteBoolean("regression", report.HasRegression);
            writer.WriteNumber("alpha", report.Alpha);
            writer.WriteStartArray("rows");
            foreach (var r in report.Rows)
            {
                writer.WriteStartObject();
                writer.WriteString("metric", r.Metric);
                writer.WriteStartObject("tags");
                foreach (var (name, value) in r.Tags)
                {
                    writer.WriteString(name, value);
                }

                writer.WriteEndObject();
                writer.WriteString("figure", r.Aggregation);
                writer.WriteString("unit", r.Unit.Symbol());
                WriteNumber(writer, "baseline", r.Baseline);
                WriteNumber(writer, "current", r.Current);
                WriteNumber(writer, "changePercent", r.ChangePercent is { } change && double.IsFinite(change) ? change : null);
                writer.WriteString("tolerance", r.Tolerance.ToString());
                WriteNumber(writer, "pValue", r.PValue);
                writer.WriteStartObject("seconds");
                writer.WriteNumber("baseline", r.Seconds.Baseline);
                writer.WriteNumber("current", r.Seconds.Current);
                writer.WriteEndObject();
                writer.WriteString("verdict", Word(r.Verdict));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static string Summary(ComparisonReport report)
    {
        var regressed = report.Rows.Count(r => r.Verdict == ComparisonVerdict.Regressed);
        var noise = report.Rows.Count(r => r.Verdict == ComparisonVerdict.Noise);
        var improved = report.Rows.Count(r => r.Verdict == ComparisonVerdict.Improved);
        return regressed > 0
            ? $"{regressed} regression{(regressed == 1 ? "" : "s")} beyond tolerance and noise ({improved} improved, {noise} within noise)."
            : $"No regression ({improved} improved, {noise} beyond tolerance but within noise).";
    }

    internal static string Word(ComparisonVerdict verdict) => verdict switch
    {
        ComparisonVerdict.Unchanged => "ok",
        ComparisonVerdict.Regressed => "REGRESSED",
        ComparisonVerdict.Improved => "improved",
        ComparisonVerdict.Noise => "noise",
        ComparisonVerdict.Untested => "too short to test",
        _ => "no data",
    };

    private static string Format(double? value, ComparisonRow row)
    {
        if (value is not { } v)
        {
            return "-";
        }

        if (row.Kind == MetricKind.Rate && row.Aggregation == "rate")
        {
            return (v * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";
        }

        var number = Math.Abs(v) >= 100 ? v.ToString("0", CultureInfo.InvariantCulture) : v.ToString("0.##", CultureInfo.InvariantCulture);
        return row.Unit == MetricUnit.Time ? number + "ms" : row.Kind == MetricKind.Counter && row.Aggregation == "rate" ? number + "/s" : number;
    }

    private static string Change(ComparisonRow row)
    {
        if (row.Baseline is not { } b || row.Current is not { } c)
        {
            return "-";
        }

        if (row.Tolerance.Unit == ToleranceUnit.PercentagePoints)
        {
            return ((c - b) * 100).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + "pp";
        }

        return row.ChangePercent is { } percent ? percent.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + "%" : c == b ? "0.0%" : "new";
    }

    private static string P(double? p) => p is { } value ? (value < 0.001 ? "<0.001" : value.ToString("0.000", CultureInfo.InvariantCulture)) : "-";

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
