namespace Stampede.Outputs.Html;

/// <summary>The report's and the dashboard's embedded chart library (uPlot), shared charts, style sheets and scripts.</summary>
internal static class HtmlAssets
{
    private static readonly Lazy<string> UPlotJs = new(() => Read("Stampede.Html.uPlot.js"));
    private static readonly Lazy<string> UPlotCss = new(() => Read("Stampede.Html.uPlot.css"));
    private static readonly Lazy<string> UPlotLicense = new(() => Read("Stampede.Html.uPlot.LICENSE"));
    private static readonly Lazy<string> ChartsJs = new(() => Read("Stampede.Html.charts.js"));
    private static readonly Lazy<string> DashboardJs = new(() => Read("Stampede.Html.dashboard.js"));
    private static readonly Lazy<string> DashboardCss = new(() => Read("Stampede.Html.dashboard.css"));
    private static readonly Lazy<string> ReportJs = new(() => Read("Stampede.Html.report.js"));
    private static readonly Lazy<string> ReportCss = new(() => Read("Stampede.Html.report.css"));

    public static string ChartLibrary => UPlotJs.Value;

    public static string ChartStyles => UPlotCss.Value;

    /// <summary>uPlot's MIT licence, which must travel with every copy: each report carries it in a comment.</summary>
    public static string ChartLibraryLicense => UPlotLicense.Value;

    /// <summary>The time charts the report and the live dashboard share (on uPlot).</summary>
    public static string Charts => ChartsJs.Value;

    public static string Script => ReportJs.Value;

    public static string DashboardScript => DashboardJs.Value;

    public static string DashboardStyles => DashboardCss.Value;

    public static string Styles => ReportCss.Value;

    private static string Read(string name)
    {
        using var stream = typeof(HtmlAssets).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
