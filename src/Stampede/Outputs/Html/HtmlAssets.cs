namespace Stampede.Outputs.Html;

/// <summary>The report's embedded chart library (uPlot), style sheet and script.</summary>
internal static class HtmlAssets
{
    private static readonly Lazy<string> UPlotJs = new(() => Read("Stampede.Html.uPlot.js"));
    private static readonly Lazy<string> UPlotCss = new(() => Read("Stampede.Html.uPlot.css"));
    private static readonly Lazy<string> UPlotLicense = new(() => Read("Stampede.Html.uPlot.LICENSE"));
    private static readonly Lazy<string> ReportJs = new(() => Read("Stampede.Html.report.js"));
    private static readonly Lazy<string> ReportCss = new(() => Read("Stampede.Html.report.css"));

    public static string ChartLibrary => UPlotJs.Value;

    public static string ChartStyles => UPlotCss.Value;

    /// <summary>uPlot's MIT licence, which must travel with every copy: each report carries it in a comment.</summary>
    public static string ChartLibraryLicense => UPlotLicense.Value;

    public static string Script => ReportJs.Value;

    public static string Styles => ReportCss.Value;

    private static string Read(string name)
    {
        using var stream = typeof(HtmlAssets).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
