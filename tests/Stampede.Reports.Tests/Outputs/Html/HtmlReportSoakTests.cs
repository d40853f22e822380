using System.Diagnostics;
using System.Text;
using Shouldly;
using Stampede.Metrics;
using Stampede.Outputs.Html;
using Stampede.Reports.Tests.Support;
using Xunit;

namespace Stampede.Reports.Tests.Outputs.Html;

/// <summary>A 24-hour soak's result (86,400 points per timeline) becomes a report of bounded size, quickly.</summary>
public sealed class HtmlReportSoakTests
{
    [Fact]
    public void Render_TwentyFourHourResult_StaysUnderTenMegabytesAndFiveSeconds()
    {
        // Read back from JSON like `stampede report` does, so decoding is measured too.
        var json = RunResultJson.Serialize(SoakResult.Create());
        var clock = Stopwatch.StartNew();

        var html = HtmlReport.Render(RunResultJson.Deserialize(json));

        clock.Stop();
        var bytes = Encoding.UTF8.GetByteCount(html);
        var folder = ArtifactFolder.For("html-soak");
        File.WriteAllText(Path.Combine(folder, "report-24h.html"), html);
        File.WriteAllText(Path.Combine(folder, "measurement.txt"), FormattableString.Invariant($"24 h report: {bytes / 1e6:0.00} MB in {clock.ElapsedMilliseconds} ms (result JSON {json.Length / 1e6:0.0} MB)\n"));
        bytes.ShouldBeLessThan(10_000_000);
        // Generous against a shared CI machine; it takes well under half of this on a 2-core developer machine.
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        html.ShouldContain("\"seconds\":86400");
    }
}
