using System.Globalization;
using System.Net;
using System.Text;
using Stampede.Outputs.Html;

namespace Stampede.Outputs.Dashboard;

/// <summary>
/// The live dashboard's page: the report's look and chart code with the controls on top. It carries no run data
/// (that comes over <c>events</c>), so serving it reveals nothing; everything is embedded, so it works offline.
/// </summary>
internal static class DashboardPage
{
    /// <param name="plan">The plan's name, for the title.</param>
    /// <param name="startForm">For <c>stampede ui</c>: the page shows the start form, filled so, and waits for Start; null during a run.</param>
    /// <param name="fleet">True for a coordinated run's page (the coordinator's): one row per worker, and stop as the only control.</param>
    public static string Render(string plan, DashboardStartForm? startForm = null, bool fleet = false)
    {
        var beforeStart = startForm is not null;
        var page = new StringBuilder(96 * 1024);
        var title = Encode($"Stampede live: {plan}");
        page.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        page.Append("<link rel=\"icon\" href=\"data:,\">");
        page.Append("<title>").Append(title).Append("</title>\n<style>").Append(HtmlAssets.ChartStyles).Append('\n').Append(HtmlAssets.Styles)
            .Append('\n').Append(HtmlAssets.DashboardStyles).Append("</style></head>\n<body").Append(beforeStart ? " class=\"ui\"" : fleet ? " class=\"fleet\"" : "").Append(">\n");
        page.Append("<header><h1>").Append(Encode(plan)).Append("</h1><p class=\"meta\">Stampede live dashboard · <span id=\"state\">connecting…</span></p></header>\n");
        page.Append("<div id=\"verdict\" class=\"verdict live\">running</div>\n");
        page.Append("<div id=\"start-form\" class=\"bar\"><label>VUs <input id=\"start-vus\" type=\"number\" min=\"1\" placeholder=\"plan's\"")
            .Append(Value(startForm?.Vus?.ToString(CultureInfo.InvariantCulture))).Append("></label>")
            .Append("<label>rate /s <input id=\"start-rate\" type=\"number\" min=\"0\" step=\"any\" placeholder=\"plan's\"")
            .Append(Value(startForm?.Rate?.ToString(CultureInfo.InvariantCulture))).Append("></label>")
            .Append("<label>duration <input id=\"start-duration\" type=\"text\" placeholder=\"plan's\"").Append(Value(startForm?.Duration)).Append("></label>")
            .Append("<button id=\"start\">Start</button><span id=\"start-note\"></span></div>\n");
        page.Append("<div class=\"bar controls\"><button id=\"stop\">Stop</button><button id=\"pause\">Pause</button><button id=\"resume\">Resume</button>")
            .Append("<label>VUs <input id=\"vus\" type=\"number\" min=\"0\"></label><label>ramp VUs/s <input id=\"ramp\" type=\"number\" min=\"0\" step=\"any\"></label><button id=\"set-vus\">Set VUs</button>")
            .Append("<label>rate /s <input id=\"rate\" type=\"number\" min=\"0\" step=\"any\"></label><button id=\"set-rate\">Set rate</button>")
            .Append("<span id=\"fleet-note\">a coordinated run: Stop reaches every worker; pause, VUs and rate are a single run's controls</span>")
            .Append("<span id=\"control-note\"></span></div>\n");
        page.Append("<div class=\"tiles\">");
        Tile(page, "tile-elapsed", "elapsed");
        Tile(page, "tile-vus", "VUs");
        Tile(page, "tile-rps", "requests/s");
        Tile(page, "tile-errors", "errors");
        Tile(page, "tile-p95", "p95 latency");
        Tile(page, "tile-dropped", "frames dropped (slow browsers)");
        page.Append("</div>\n");
        Table(page, "thresholds", "Thresholds", ["", "metric", "expression", "now"]);
        Charts(page, ReportCharts.Load, "Load");
        Charts(page, ReportCharts.Latency, "Latency");
        Charts(page, ReportCharts.Errors, "Errors");
        Table(page, "endpoints", "Requests by endpoint", ["group", "method", "name", "requests", "failures", "avg", "p50", "p95", "p99"]);
        Table(page, "checks", "Checks", ["group", "check", "passes", "fails"]);
        Charts(page, ReportCharts.Streaming, "Streaming");
        Charts(page, ReportCharts.Other, "Target, resource and custom metrics");
        Charts(page, "harness", "Load generator health");
        Table(page, "events", "Faults and control actions", ["at s", "kind", "what"]);
        Table(page, "scenarios", fleet ? "Workers" : "Scenarios", fleet ? ["worker", "share", "state", "VUs", "iterations", "dropped", "progress"] : ["scenario", "executor", "state", "VUs", "iterations", "dropped", "progress"]);
        page.Append("<script id=\"dashboard-config\" type=\"application/json\">")
            .Append(beforeStart ? "{\"mode\":\"ui\"}" : fleet ? "{\"mode\":\"fleet\"}" : "{\"mode\":\"run\"}")
            .Append("</script>\n<!-- uPlot, embedded below:\n").Append(HtmlAssets.ChartLibraryLicense.Replace("--", "- -", StringComparison.Ordinal)).Append("-->\n<script>")
            .Append(HtmlAssets.ChartLibrary).Append("</script>\n<script>").Append(HtmlAssets.Charts).Append("</script>\n<script>").Append(HtmlAssets.DashboardScript).Append("</script>\n</body></html>\n");
        return page.ToString();
    }

    private static void Tile(StringBuilder page, string id, string label) =>
        page.Append("<div class=\"tile\"><span class=\"value\" id=\"").Append(id).Append("\">-</span><span class=\"label\">").Append(Encode(label)).Append("</span></div>");

    private static void Charts(StringBuilder page, string section, string title) =>
        page.Append("<section id=\"section-").Append(section).Append("\" class=\"chart-section hidden\"><h2>").Append(Encode(title))
            .Append("</h2><div class=\"charts\" data-section=\"").Append(section).Append("\"></div></section>\n");

    private static void Table(StringBuilder page, string id, string title, string[] columns)
    {
        page.Append("<section id=\"section-").Append(id).Append("\" class=\"hidden\"><h2>").Append(Encode(title)).Append("</h2><table id=\"").Append(id).Append("\"><thead><tr>");
        foreach (var column in columns)
        {
            page.Append("<th>").Append(Encode(column)).Append("</th>");
        }

        page.Append("</tr></thead><tbody></tbody></table></section>\n");
    }

    private static string Value(string? value) => value is null ? "" : $" value=\"{Encode(value)}\"";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
