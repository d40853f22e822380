using System.Text;
using System.Text.Json.Nodes;

namespace Stampede.K6.Summary;

/// <summary>
/// k6's end-of-test text summary, laid out from a <c>handleSummary</c> data object (so the CLI's default summary
/// of a k6 script and the jslib's <c>textSummary()</c> print the same): the checks of each group with ✓/✗, then
/// every metric and threshold submetric sorted by name, with dotted leaders, aligned value columns and a ✓/✗ for
/// the metric's thresholds.
/// </summary>
internal static class TextSummary
{
    private const string GroupPrefix = "█";
    private const string DetailsPrefix = "↳";
    private const string Pass = "✓";
    private const string Fail = "✗";
    private const int Faint = 2;
    private const int Red = 31;
    private const int Green = 32;
    private const int Cyan = 36;

    /// <summary>The summary of <paramref name="data"/>, lines joined by <c>\n</c>, without a final newline.</summary>
    public static string Render(JsonObject data, TextSummaryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var dataOptions = data["options"] as JsonObject;
        var indent = options?.Indent ?? (string?)dataOptions?["indent"] ?? " ";
        var colors = options?.EnableColors ?? (dataOptions?["enableColors"] is JsonValue enable && enable.TryGetValue(out bool on) ? on : true);
        var timeUnit = options?.SummaryTimeUnit ?? (string?)dataOptions?["summaryTimeUnit"];
        var stats = options?.SummaryTrendStats
            ?? (dataOptions?["summaryTrendStats"] as JsonArray)?.Select(s => (string?)s ?? "").ToList()
            ?? TrendStat.Defaults;
        var paint = new Painter(colors);

        var lines = new List<string>();
        if (data["root_group"] is JsonObject root)
        {
            Group(lines, indent + "    ", root, paint);
        }

        Metrics(lines, indent + "  ", data["metrics"] as JsonObject ?? [], stats, timeUnit, paint);
        return string.Join('\n', lines);
    }

    private static void Group(List<string> lines, string indent, JsonObject group, Painter paint)
    {
        if ((string?)group["name"] is { Length: > 0 } name)
        {
            // The trailing newline leaves a blank line under the group's name once lines are joined.
            lines.Add($"{indent}{GroupPrefix} {name}\n");
            indent += "  ";
        }

        var checks = (group["checks"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        foreach (var check in checks)
        {
            lines.Add(Check(indent, check, paint));
        }

        if (checks.Count > 0)
        {
            lines.Add("");
        }

        foreach (var child in (group["groups"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            Group(lines, indent, child, paint);
        }
    }

    private static string Check(string indent, JsonObject check, Painter paint)
    {
        var name = (string?)check["name"] ?? "";
        var passes = Number(check["passes"]);
        var fails = Number(check["fails"]);
        if (fails == 0)
        {
            return paint.Color($"{indent}{Pass} {name}", Green);
        }

        // Whole percent, rounded down, so a check that failed once never reads 100%.
        var percent = Math.Floor(100 * passes / (passes + fails));
        return paint.Color(
            $"{indent}{Fail} {name}\n{indent} {DetailsPrefix}  {K6Humanize.JsNumber(percent)}% — {Pass} {K6Humanize.JsNumber(passes)} / {Fail} {K6Humanize.JsNumber(fails)}",
            Red);
    }

    private static void Metrics(List<string> lines, string indent, JsonObject metrics, IReadOnlyList<string> stats, string? timeUnit, Painter paint)
    {
        var rows = new List<Row>();
        foreach (var (name, node) in metrics)
        {
            if (node is JsonObject metric)
            {
                rows.Add(new Row(name, metric, Cells(metric, stats, timeUnit)));
            }
        }

        var nameWidth = rows.Select(r => Width(NameIndent(r.Name) + DisplayName(r.Name))).DefaultIfEmpty(0).Max();
        var columns = rows.Where(r => !r.IsTrend).Select(r => r.Cells.Count)
            .Concat(rows.Where(r => r.IsTrend).Select(_ => stats.Count)).DefaultIfEmpty(0).Max();
        int ColumnWidth(bool trend, int column) => rows.Where(r => r.IsTrend == trend && column < r.Cells.Count).Select(r => Width(r.Cells[column])).DefaultIfEmpty(0).Max();
        var trendWidths = Enumerable.Range(0, stats.Count).Select(i => ColumnWidth(true, i)).ToArray();
        var otherWidths = Enumerable.Range(0, columns).Select(i => ColumnWidth(false, i)).ToArray();

        // Each submetric stays under its metric: sort by the metric's name, then by the filter. Ordinal, so the
        // order does not depend on the machine's culture.
        rows.Sort((a, b) =>
        {
            var byMetric = string.CompareOrdinal(ParentName(a.Name), ParentName(b.Name));
            return byMetric != 0 ? byMetric : string.CompareOrdinal(a.Name[ParentName(a.Name).Length..], b.Name[ParentName(b.Name).Length..]);
        });

        foreach (var row in rows)
        {
            var (mark, markColor) = ThresholdMark(row.Metric);
            var nameIndent = NameIndent(row.Name);
            var display = DisplayName(row.Name);
            var leader = paint.Color(new string('.', nameWidth - Width(display) - Width(nameIndent) + 3) + ":", Faint);
            var values = row.IsTrend
                ? string.Join(' ', row.Cells.Select((cell, i) => $"{stats[i]}={paint.Color(cell, Cyan)}{Pad(cell, trendWidths[i])}"))
                : Other(row.Cells, otherWidths, paint);
            var markText = markColor is { } color ? paint.Color(mark, color) : mark;
            lines.Add($"{indent}{nameIndent}{markText} {display}{leader} {values}");
        }
    }

    private static string Other(IReadOnlyList<string> cells, int[] widths, Painter paint)
    {
        var text = new StringBuilder(paint.Color(cells[0], Cyan)).Append(Pad(cells[0], widths[0]));
        if (cells.Count == 2)
        {
            // A lone extra (a counter's rate, a rate's "n out of m") is not padded.
            text.Append(' ').Append(paint.Color(cells[1], Cyan, Faint));
        }
        else if (cells.Count > 2)
        {
            text.Append(' ').AppendJoin(' ', cells.Skip(1).Select((cell, i) => paint.Color(cell, Cyan, Faint) + Pad(cell, widths[i + 1])));
        }

        return text.ToString();
    }

    /// <summary>The printed cells of a metric: one per trend column, or a value and its extras.</summary>
    private static List<string> Cells(JsonObject metric, IReadOnlyList<string> stats, string? timeUnit)
    {
        var type = (string?)metric["type"];
        var contains = (string?)metric["contains"];
        var values = metric["values"] as JsonObject ?? [];
        string Show(string key) => K6Humanize.Value(Number(values[key]), type, contains, timeUnit);
        return type switch
        {
            "trend" => [.. stats.Select(stat => stat == "count" ? K6Humanize.JsNumber(Number(values[stat])) : Show(stat))],
            "counter" => [Show("count"), Show("rate") + "/s"],
            "gauge" => [Show("value"), "min=" + Show("min"), "max=" + Show("max")],
            "rate" => [Show("rate"), $"{K6Humanize.JsNumber(Number(values["passes"]))} out of {K6Humanize.JsNumber(Number(values["passes"]) + Number(values["fails"]))}"],
            _ => ["[no data]"],
        };
    }

    /// <summary>✓ in green when every threshold of the metric held, ✗ in red when one failed, nothing without thresholds.</summary>
    private static (string Mark, int? Color) ThresholdMark(JsonObject metric)
    {
        if (metric["thresholds"] is not JsonObject thresholds)
        {
            return (" ", null);
        }

        var failed = thresholds.Any(t => !(t.Value?["ok"] is JsonValue ok && ok.TryGetValue(out bool held) && held));
        return failed ? (Fail, Red) : (Pass, Green);
    }

    private static string ParentName(string name) => name.Split('{', 2)[0];

    private static string DisplayName(string name)
    {
        var brace = name.IndexOf('{', StringComparison.Ordinal);
        return brace < 0 ? name : "{ " + name[(brace + 1)..^1] + " }";
    }

    private static string NameIndent(string name) => name.Contains('{', StringComparison.Ordinal) ? "  " : "";

    private static string Pad(string cell, int width) => new(' ', Math.Max(0, width - Width(cell)));

    private static double Number(JsonNode? node) => JsonNumber.Read(node) ?? 0;

    /// <summary>How many columns the text takes on a terminal: its code points once normalised, ANSI escapes left out.</summary>
    internal static int Width(string text)
    {
        var width = 0;
        var inEscape = false;
        var inCsi = false;
        foreach (var rune in text.Normalize(NormalizationForm.FormKC).EnumerateRunes())
        {
            var c = rune.Value;
            if (c == 0x1b)
            {
                inEscape = true;
            }
            else if (inEscape && !inCsi && c == '[')
            {
                inCsi = true;
            }
            else if (inEscape && (inCsi ? c is >= 0x40 and <= 0x7e : c is >= 0x40 and <= 0x5f))
            {
                inEscape = inCsi = false;
            }
            else if (!inEscape)
            {
                width++;
            }
        }

        return width;
    }

    private sealed record Row(string Name, JsonObject Metric, List<string> Cells)
    {
        public bool IsTrend => (string?)Metric["type"] == "trend";
    }

    /// <summary>ANSI colour codes, or nothing when colours are off.</summary>
    private sealed class Painter(bool enabled)
    {
        public string Color(string text, int color, params int[] more) =>
            enabled ? $"\u001b[{color}{string.Concat(more.Select(m => ";" + m.ToString(System.Globalization.CultureInfo.InvariantCulture)))}m{text}\u001b[0m" : text;
    }
}
