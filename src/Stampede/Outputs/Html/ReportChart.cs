namespace Stampede.Outputs.Html;

/// <summary>One time chart of the HTML report: a title, a unit and per-second lines (NaN draws a gap).</summary>
internal sealed record ReportChart(string Id, string Section, string Title, string Unit, IReadOnlyList<ReportLine> Lines);

/// <summary>One line of a <see cref="ReportChart"/>.</summary>
internal sealed record ReportLine(string Label, double[] Values);
