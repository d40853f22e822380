using Shouldly;
using Stampede.Outputs.Html;
using Xunit;

namespace Stampede.Tests.Outputs;

public sealed class HtmlReportTests
{
    [Fact]
    public void Render_Result_IsOneOfflinePageWithVerdictThresholdsAndData()
    {
        var html = HtmlReport.Render(OutputRuns.Synthetic());

        html.ShouldStartWith("<!DOCTYPE html>");
        html.ShouldContain("<div id=\"verdict\" class=\"verdict fail\" data-passed=\"false\"><strong>FAILED</strong> 1 of 3 thresholds passed");
        html.ShouldContain("<td data-value=\"612.5\">612.5ms</td>");
        html.ShouldContain("Copyright (c) 2022 Leon Sorokin");
        html.ShouldContain("<script id=\"report-data\" type=\"application/json\">{\"t0\":");
        html.ShouldNotContain("src=\"http");
        html.ShouldNotContain("href=\"http");
    }

    [Fact]
    public void Render_PlanNameWithMarkup_IsEscapedInTheDataAndThePage()
    {
        var result = OutputRuns.Synthetic() with { Meta = OutputRuns.Synthetic().Meta with { Plan = "</script><b>x" } };

        var html = HtmlReport.Render(result);

        html.ShouldContain("&lt;/script&gt;&lt;b&gt;x");
        html.ShouldNotContain("</script><b>");
    }
}
