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

    [Fact]
    public void Render_FaultsWithVerdicts_AreListed()
    {
        var result = OutputRuns.Synthetic() with
        {
            Annotations =
            [
                new Stampede.Metrics.RunAnnotation { At = 30, End = 45, Kind = "proxy", Name = "slow-network", Description = "latency 200ms", DetectionSeconds = 1, RecoverySeconds = 3, Recovered = true, RequestsLost = 12 },
                new Stampede.Metrics.RunAnnotation { At = 60, Kind = "command", Name = "kill", Description = "kill the target", Recovered = false, RequestsLost = 400 },
            ],
        };

        var html = HtmlReport.Render(result);

        html.ShouldContain("<section id=\"section-faults\"><h2>Faults</h2>");
        html.ShouldContain("<td>proxy</td><td>slow-network</td><td>latency 200ms</td>");
        html.ShouldContain("<tr class=\"failed\"><td data-value=\"60\">60</td>");
        html.ShouldContain(">did not recover</td>");
        html.ShouldContain("<td data-value=\"12\">12</td>");
    }

    [Fact]
    public void Render_NoFaults_HasNoFaultsSection()
    {
        HtmlReport.Render(OutputRuns.Synthetic()).ShouldNotContain("section-faults");
    }

    [Fact]
    public void Render_ArrivalsDropped_WarnsUnderTheVerdictAndBesideTheLatencies()
    {
        var html = HtmlReport.Render(OutputRuns.WithDrops());

        var notice = html.IndexOf("<div id=\"dropped-arrivals\" class=\"notice\" role=\"alert\" data-dropped=\"120\" data-fraction=\"0.3\"><strong>Dropped arrivals:</strong> 120 of 400 arrivals (30.00%) were dropped", StringComparison.Ordinal);
        notice.ShouldBeGreaterThan(html.IndexOf("id=\"verdict\"", StringComparison.Ordinal));
        notice.ShouldBeLessThan(html.IndexOf("<div class=\"tiles\">", StringComparison.Ordinal));
        html.ShouldContain("The latency percentiles exclude them");
        html.ShouldContain("<li>checkout: 120 of 400 arrivals dropped (30.00%)</li>");
        html.ShouldContain("<div class=\"tile warn\" id=\"tile-dropped\" data-value=\"0.3\"><span class=\"value\">30.00%</span>");
        var latency = html.IndexOf("<section id=\"section-latency\"><h2>Latency</h2><p class=\"notice-inline\">", StringComparison.Ordinal);
        latency.ShouldBeGreaterThan(notice);
    }

    [Fact]
    public void Render_NothingDropped_HasNoWarning()
    {
        var html = HtmlReport.Render(OutputRuns.WithoutDrops());

        html.ShouldNotContain("id=\"dropped-arrivals\"");
        html.ShouldNotContain("tile-dropped");
        html.ShouldNotContain("<p class=\"notice-inline\">");
    }

    [Fact]
    public async Task Render_EndpointWhoseRequestsAllGotNoResponse_CountsThemInTheEndpointTable()
    {
        var result = await OutputRuns.HalfUnansweredAsync();

        var html = HtmlReport.Render(result);

        var table = html[html.IndexOf("<table id=\"endpoints\"", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("</table>", StringComparison.Ordinal)];
        var gone = table.Split("<tr").Single(row => row.Contains("/gone", StringComparison.Ordinal));
        gone.ShouldContain("<td data-value=\"6\">6</td>");
        gone.ShouldContain("<td data-value=\"1\">100.00%</td>");
        table.Split("<tr").Single(row => row.StartsWith(" class=\"total\"", StringComparison.Ordinal)).ShouldContain("<td data-value=\"12\">12</td>");
    }
}
