using System.Globalization;
using Microsoft.Playwright;
using Shouldly;
using Stampede.Metrics;
using Stampede.Outputs.Html;
using Stampede.Reports.Tests.Support;
using Xunit;

namespace Stampede.Reports.Tests.Outputs.Html;

/// <summary>Opens the HTML report of a real run in headless Chromium and checks what a reader would see.</summary>
public sealed class HtmlReportBrowserTests(SampleResultFixture sample) : IClassFixture<SampleResultFixture>
{
    [Fact]
    public async Task Render_OpenedInChromium_DrawsChartsWithoutErrorsAndShowsTheResultsNumbers()
    {
        var result = sample.Result;
        var folder = ArtifactFolder.For("html-report");
        var path = Path.Combine(folder, "report.html");
        await HtmlReport.WriteAsync(result, path, TestContext.Current.CancellationToken);

        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.Context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add("console: " + message.Text);
            }
        };
        page.PageError += (_, error) => problems.Add("page: " + error);
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);

        await page.GotoAsync(new Uri(path).AbsoluteUri);
        await page.WaitForSelectorAsync("body[data-rendered=true]", new PageWaitForSelectorOptions { Timeout = 15_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "report.png"), FullPage = true });

        problems.ShouldBeEmpty();
        requests.ShouldAllBe(url => url.StartsWith("file:", StringComparison.Ordinal));

        // Charts: one uPlot per time chart, each with drawn pixels; histogram and heatmap drawn on their canvases.
        var charts = await page.Locator("figure.chart").CountAsync();
        charts.ShouldBeGreaterThanOrEqualTo(5);
        (await page.Locator(".uplot").CountAsync()).ShouldBe(charts);
        foreach (var id in (string[])["vus", "throughput", "latency", "errors", "m-llm_ttft"])
        {
            (await page.Locator($"figure[data-chart='{id}'] .uplot").CountAsync()).ShouldBe(1, $"chart {id}");
        }

        var inked = await page.EvaluateAsync<int[]>(@"() => [...document.querySelectorAll('figure.chart canvas, #histogram, #heatmap')].map(c => {
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
            for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; } return n; })");
        inked.Length.ShouldBe(charts + 2);
        inked.ShouldAllBe(pixels => pixels > 200);

        // Numbers on the page equal those in the JSON.
        (await page.GetAttributeAsync("#verdict", "data-passed")).ShouldBe("false");
        (await page.InnerTextAsync("#verdict")).ShouldContain("FAILED");
        (await page.InnerTextAsync("#verdict")).ShouldContain("1 of 2 thresholds passed");
        Value(await page.GetAttributeAsync("#tile-requests", "data-value")).ShouldBe(result.Metric("http_reqs")!.Values.Count!.Value);
        Value(await page.GetAttributeAsync("#tile-p95", "data-value")).ShouldBe(result.Metric("http_req_duration")!.Values.P95!.Value);
        Value(await page.GetAttributeAsync("#tile-failed", "data-value")).ShouldBe(result.Metric("http_req_failed")!.Values.Rate!.Value);

        var failedThreshold = result.Thresholds.Single(t => t.Outcome == ThresholdOutcomeNames.Failed);
        var thresholdRow = page.Locator("#thresholds tr.failed");
        (await thresholdRow.CountAsync()).ShouldBe(1);
        Value(await thresholdRow.Locator("td[data-value]").GetAttributeAsync("data-value")).ShouldBe(failedThreshold.Observed!.Value);

        var okSeries = result.Metric("http_req_duration")!.Series.Where(s => s.Tags["name"].EndsWith("/ok", StringComparison.Ordinal)).ToList();
        var okRow = page.Locator("#endpoints tbody tr", new PageLocatorOptions { HasText = "/ok" });
        Value(await okRow.Locator("td[data-value]").First.GetAttributeAsync("data-value")).ShouldBe(okSeries.Sum(s => s.Values.Count!.Value));
        okSeries.Count.ShouldBe(1);
        Value(await okRow.Locator("td[data-value]").Nth(5).GetAttributeAsync("data-value")).ShouldBe(okSeries[0].Values.P95!.Value, tolerance: 0.0005);
        (await okRow.Locator("td").Last.InnerTextAsync()).ShouldBe("0.00%");

        var check = result.Checks.Single(c => c.Name == "fail is 200");
        var checkRow = page.Locator("#checks tbody tr", new PageLocatorOptions { HasText = "fail is 200" });
        Value(await checkRow.Locator("td[data-value]").Nth(0).GetAttributeAsync("data-value")).ShouldBe(check.Passes);
        Value(await checkRow.Locator("td[data-value]").Nth(1).GetAttributeAsync("data-value")).ShouldBe(check.Fails);
        check.Fails.ShouldBeGreaterThan(0);
    }

    private static double Value(string? text) => double.Parse(text.ShouldNotBeNull(), CultureInfo.InvariantCulture);
}
