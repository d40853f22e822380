using Microsoft.Playwright;
using Stampede.DemoTarget;
using Stampede.Reports.Tests.Support;

namespace Stampede.Cli.Tests.Dashboard;

/// <summary>The dashboard's page in headless Chromium while a run against the demo target goes on.</summary>
public sealed class LiveDashboardPageTests : IAsyncLifetime
{
    private DemoTargetServer _target = null!;

    public async ValueTask InitializeAsync() => _target = await DemoTargetServer.StartAsync(new DemoTargetOptions { Port = 0 });

    public async ValueTask DisposeAsync() => await _target.DisposeAsync();

    [Fact]
    public async Task Page_DuringRun_ChartsMoveAndStopButtonStopsTheRun()
    {
        var run = await DashboardRun.StartAsync("run", "--url", new Uri(_target.BaseAddress, "api/health").ToString(), "--vus", "2", "--duration", "40s", "--think", "50ms",
            "--threshold", "http_req_duration:p(95)<0.001", "--threshold", "http_req_failed:rate<0.5");
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.Context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Add(message.Text);
            }
        };
        page.PageError += (_, error) => problems.Add(error);

        await page.GotoAsync(run.PageLink);
        await page.WaitForFunctionAsync("Number(document.body.dataset.frames || 0) >= 2", null, new PageWaitForFunctionOptions { Timeout = 20_000 });
        var framesBefore = int.Parse(await page.EvaluateAsync<string>("document.body.dataset.frames"));
        var vusChart = page.Locator("figure[data-chart=\"throughput\"] canvas");
        var drawnBefore = await vusChart.ScreenshotAsync();
        await page.WaitForFunctionAsync($"Number(document.body.dataset.frames) >= {framesBefore + 2}", null, new PageWaitForFunctionOptions { Timeout = 20_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactFolder.For("dashboard"), "mid-run.png"), FullPage = true });

        var charts = await page.EvaluateAsync<string[]>("Array.from(document.querySelectorAll('figure[data-chart]')).map(f => f.dataset.chart)");
        charts.ShouldContain("vus");
        charts.ShouldContain("throughput");
        charts.ShouldContain("latency");
        charts.ShouldContain("m-harness_cpu");
        (await vusChart.ScreenshotAsync()).ShouldNotBe(drawnBefore, "the request-rate chart did not change as seconds came in");
        int.Parse(await page.EvaluateAsync<string>("document.body.dataset.points")).ShouldBeGreaterThanOrEqualTo(framesBefore + 2);
        (await page.TextContentAsync("#tile-vus")).ShouldBe("2");
        (await page.Locator("#endpoints tbody tr").CountAsync()).ShouldBeGreaterThan(0);

        // A threshold that cannot pass is shown failing (red) while the run goes on; one that holds is not.
        (await page.Locator("#thresholds tr.failed").CountAsync()).ShouldBe(1);
        (await page.Locator("#thresholds tr.passed").CountAsync()).ShouldBe(1);

        await page.ClickAsync("#stop");
        await page.WaitForFunctionAsync("document.body.dataset.ended === 'true'", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        (await page.GetAttributeAsync("#verdict", "data-stop-reason")).ShouldBe("stopped from the dashboard");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactFolder.For("dashboard"), "after-stop.png"), FullPage = true });

        var exitCode = await run.EndAsync();
        exitCode.ShouldBe(ExitCodes.ThresholdsFailed);
        run.Host.Output.ShouldContain("Run stopped early: stopped from the dashboard");
        run.Host.Output.ShouldContain("control: stop: stopped from the dashboard");
        problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task Page_SetVus_ChangesTheVusSeriesWithinTwoSecondsAndPauseShowsPaused()
    {
        var run = await DashboardRun.StartAsync("run", "--url", new Uri(_target.BaseAddress, "api/health").ToString(), "--vus", "2", "--duration", "40s", "--think", "50ms");
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.Context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Add(message.Text);
            }
        };
        page.PageError += (_, error) => problems.Add(error);
        await page.GotoAsync(run.PageLink);
        await page.WaitForFunctionAsync("document.body.dataset.vus === '2'", null, new PageWaitForFunctionOptions { Timeout = 20_000 });

        await page.FillAsync("#vus", "6");
        await page.ClickAsync("#set-vus");
        (await page.Locator("#control-note.ok").TextContentAsync()).ShouldNotBeNull().ShouldContain("moving to 6");
        var changedAt = int.Parse(await page.EvaluateAsync<string>("document.body.dataset.frames"));

        // The vus series (the tile and the chart's last point come from the same frame) shows 6 within two frames.
        await page.WaitForFunctionAsync("document.body.dataset.vus === '6'", null, new PageWaitForFunctionOptions { Timeout = 10_000 });
        int.Parse(await page.EvaluateAsync<string>("document.body.dataset.frames")).ShouldBeLessThanOrEqualTo(changedAt + 2);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactFolder.For("dashboard"), "vus-changed.png"), FullPage = true });

        await page.ClickAsync("#pause");
        await page.WaitForFunctionAsync("document.body.classList.contains('paused')", null, new PageWaitForFunctionOptions { Timeout = 10_000 });
        (await page.TextContentAsync("#state")).ShouldBe("paused");
        await page.ClickAsync("#resume");
        await page.WaitForFunctionAsync("!document.body.classList.contains('paused')", null, new PageWaitForFunctionOptions { Timeout = 10_000 });
        await page.ClickAsync("#stop");
        await page.WaitForFunctionAsync("document.body.dataset.ended === 'true'", null, new PageWaitForFunctionOptions { Timeout = 30_000 });

        await run.EndAsync();
        var events = await page.Locator("#events tbody tr td:nth-child(3)").AllTextContentsAsync();
        events.ShouldBe(["vus: 6", "pause: no new iterations", "resume", "stop: stopped from the dashboard"]);
        run.Host.Output.ShouldContain("control: vus: 6");
        problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task Page_AfterRunWithHtmlReport_LinksTheReportAndStaysUpForTheLingerThenStops()
    {
        var folder = Directory.CreateTempSubdirectory("stampede-dashboard-linger-");
        try
        {
            var report = Path.Combine(folder.FullName, "report.html");
            var run = await DashboardRun.StartAsync("run", "--url", new Uri(_target.BaseAddress, "api/health").ToString(), "--vus", "1", "--duration", "2s", "--think", "50ms",
                "--out", $"html={report}", "--dashboard-linger", "4s");
            await using var chromium = await HeadlessChromium.LaunchAsync();
            var page = await chromium.Context.NewPageAsync();
            await page.GotoAsync(run.PageLink);
            await page.WaitForFunctionAsync("document.body.dataset.ended === 'true'", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
            var endedAt = System.Diagnostics.Stopwatch.StartNew();

            var link = page.Locator("#verdict a#report-link");
            (await link.TextContentAsync()).ShouldBe("Open the HTML report");
            (await link.GetAttributeAsync("href")).ShouldBe("report");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactFolder.For("dashboard"), "ended-with-report-link.png"), FullPage = true });

            // The link opens the report the run wrote, from the dashboard itself, while it lingers.
            var written = await File.ReadAllTextAsync(report);
            using (var client = new HttpClient())
            {
                (await client.GetStringAsync(new Uri(run.Address, "report"))).ShouldBe(written);
            }

            await link.ClickAsync();
            await page.WaitForURLAsync(new Uri(run.Address, "report").ToString());
            var title = System.Text.RegularExpressions.Regex.Match(written, "<title>(.*?)</title>").Groups[1].Value;
            title.ShouldNotBeEmpty();
            (await page.TitleAsync()).ShouldBe(System.Net.WebUtility.HtmlDecode(title));
            run.Run.IsCompleted.ShouldBeFalse("the dashboard lingers after the run");

            (await run.EndAsync()).ShouldBe(ExitCodes.Ok);
            endedAt.Elapsed.ShouldBeGreaterThan(TimeSpan.FromSeconds(2), "it stayed up for (most of) the 4s linger after the end frame");
            run.Host.Errors.ShouldContain("dashboard: staying up for 4s");
            using var after = new HttpClient();
            await Should.ThrowAsync<HttpRequestException>(() => after.GetAsync(run.Address));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Page_DuringChaosRun_ShowsEachFaultOnTheChartsAsItFires()
    {
        var folder = Directory.CreateTempSubdirectory("stampede-dashboard-chaos-");
        try
        {
            var baseUrl = _target.BaseAddress.ToString().TrimEnd('/');
            var plan = Path.Combine(folder.FullName, "chaos.yaml");
            await File.WriteAllTextAsync(plan, $$"""
                name: chaos-live
                baseUrl: {{baseUrl}}
                scenarios:
                  browse:
                    executor: constant-vus
                    vus: 2
                    duration: 9s
                    flow:
                      - get: /api/health
                      - think: 50ms
                chaos:
                  proxy: {}
                  faults:
                    slow-net: { at: 2s, for: 3s, proxy: { latency: 100ms } }
                    poke: { at: 6s, http: { url: "{{baseUrl}}/api/health", method: GET } }
                """);
            var run = await DashboardRun.StartAsync("run", plan);
            await using var chromium = await HeadlessChromium.LaunchAsync();
            var page = await chromium.Context.NewPageAsync();
            var problems = new List<string>();
            page.PageError += (_, error) => problems.Add(error);
            await page.GotoAsync(run.PageLink);

            // The proxy fault shows while its window lasts: in the table as firing, and as a band on the charts.
            await page.WaitForFunctionAsync("Array.from(document.querySelectorAll('#events tbody td:nth-child(3)')).some(td => td.textContent.includes('slow-net') && td.textContent.includes('(firing)'))",
                null, new PageWaitForFunctionOptions { Timeout = 20_000 });
            (await page.GetAttributeAsync("body", "data-ended")).ShouldBeNull("the fault shows during the run, not after it");
            await page.WaitForFunctionAsync("Number(document.querySelector('figure[data-chart=\"latency\"]').dataset.marks || 0) >= 1", null, new PageWaitForFunctionOptions { Timeout = 5_000 });
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactFolder.For("dashboard"), "chaos-firing.png"), FullPage = true });

            await page.WaitForFunctionAsync("Array.from(document.querySelectorAll('#events tbody td:nth-child(2)')).some(td => td.textContent === 'http')", null, new PageWaitForFunctionOptions { Timeout = 20_000 });
            (await page.GetAttributeAsync("body", "data-ended")).ShouldBeNull();
            int.Parse(await page.EvaluateAsync<string>("document.querySelector('figure[data-chart=\"throughput\"]').dataset.marks")).ShouldBe(2);

            await page.WaitForFunctionAsync("document.body.dataset.ended === 'true'", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactFolder.For("dashboard"), "chaos-ended.png"), FullPage = true });
            (await run.EndAsync()).ShouldBe(ExitCodes.Ok);
            var kinds = await page.Locator("#events tbody tr td:nth-child(2)").AllTextContentsAsync();
            kinds.ShouldBe(["proxy", "http"]);
            var described = await page.Locator("#events tbody tr td:nth-child(3)").AllTextContentsAsync();
            described.ShouldAllBe(d => !d.Contains("(firing)"), "at the end each fault is told as the result tells it");
            problems.ShouldBeEmpty();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
