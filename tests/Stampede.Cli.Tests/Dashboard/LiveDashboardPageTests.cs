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
}
