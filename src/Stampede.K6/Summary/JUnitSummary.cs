using System.Text;
using System.Text.Json.Nodes;

namespace Stampede.K6.Summary;

/// <summary>
/// The k6 jslib's <c>jUnit()</c> report from a data object: one test suite with one test case per threshold, named
/// <c>metric - expression</c>, carrying a <c>failure</c> with the metric's values when the threshold failed.
/// </summary>
internal static class JUnitSummary
{
    /// <summary>The report; <paramref name="name"/> names the suite (default "k6 thresholds"), <paramref name="classname"/> every case (default "Unnamed folder").</summary>
    public static string Render(JsonObject data, string? name = null, string? classname = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var suite = Escape(string.IsNullOrEmpty(name) ? "k6 thresholds" : name);
        var className = Escape(string.IsNullOrEmpty(classname) ? "Unnamed folder" : classname);
        var cases = new List<string>();
        var failures = 0;
        foreach (var (metricName, node) in data["metrics"] as JsonObject ?? [])
        {
            if (node is not JsonObject metric || metric["thresholds"] is not JsonObject thresholds)
            {
                continue;
            }

            foreach (var (expression, threshold) in thresholds)
            {
                var caseName = $"{Escape(metricName)} - {Escape(expression)}";
                if (threshold?["ok"] is JsonValue ok && ok.TryGetValue(out bool held) && held)
                {
                    cases.Add($"<testcase name=\"{caseName}\" classname=\"{className}\" />");
                    continue;
                }

                failures++;
                var values = (metric["values"] as JsonObject ?? []).Select(v => $"{v.Key} value: {Text(v.Value)}");
                var message = $"{(string?)metric["type"]} threshold failed: {string.Join(", ", values)}";
                cases.Add($"<testcase name=\"{caseName}\" classname=\"{className}\"><failure message=\"{Escape(message)}\" /></testcase>");
            }
        }

        var xml = new StringBuilder();
        xml.Append("<?xml version=\"1.0\"?>\n");
        xml.Append($"<testsuites tests=\"{cases.Count}\" failures=\"{failures}\">\n");
        xml.Append($"  <testsuite name=\"{suite}\" tests=\"{cases.Count}\" failures=\"{failures}\">\n");
        foreach (var testCase in cases)
        {
            xml.Append("    ").Append(testCase).Append('\n');
        }

        xml.Append("  </testsuite>\n");
        xml.Append("</testsuites>\n");
        return xml.ToString();
    }

    private static string Text(JsonNode? value) =>
        JsonNumber.Read(value) is { } number ? K6Humanize.JsNumber(number) : value?.ToJsonString() ?? "null";

    // The five characters the jslib escapes, in names and messages alike.
    private static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal);
}
