using System.Globalization;
using Microsoft.Playwright;
using Shouldly;
using Stampede.Execution;
using Stampede.Metrics;
using Stampede.Outputs;
using Stampede.Outputs.Html;
using Stampede.Plans;
using Stampede.Plans.Tenants;
using Stampede.Protocols.Llm;
using Stampede.Reports.Tests.Support;
using Xunit;

namespace Stampede.Reports.Tests.Outputs.Html;

/// <summary>The report's Tenants section, opened in headless Chromium, for a real multi-tenant run against the demo target.</summary>
public sealed class HtmlReportTenantTests(SampleResultFixture sample) : IClassFixture<SampleResultFixture>
{
    /// <summary>Three organisations asking the demo chat; org-2's budget runs out early, so spend differs and isolation is judged.</summary>
    private static async Task<RunResult> TenantRunAsync()
    {
        await using var server = await FastChatTarget.StartAsync();
        var plan = TestPlan.Create("tenant-report").BaseUrl(server.BaseAddress.ToString())
            .Tenants(new TenantPlan
            {
                Organizations = 3,
                Users = UserCountDistribution.Fixed(1),
                BudgetUsd = 100,
                Budgets = new Dictionary<string, decimal> { ["org-2"] = 0.0012m },
                Isolation = new IsolationPlan { Exhaust = "org-2" },
            })
            .Scenario("chat", s => s.ConstantVus(3, "3s").Iteration(async vu =>
            {
                await vu.Llm.ChatAsync(new LlmOptions(), new string('q', 400));
                await vu.SleepAsync(TimeSpan.FromMilliseconds(40));
            }))
            .Build();
        var result = await new Engine(new EngineOptions { Host = "test-host" }).RunAsync(plan);
        // Reports are made from what a result file holds.
        return RunResultJson.Deserialize(RunResultJson.Serialize(result));
    }

    private static async Task<(IPage Page, List<string> Problems, HeadlessChromium Chromium)> OpenAsync(string path, string screenshot)
    {
        var chromium = await HeadlessChromium.LaunchAsync();
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
        await page.GotoAsync(new Uri(path).AbsoluteUri);
        await page.WaitForSelectorAsync("body[data-rendered=true]", new PageWaitForSelectorOptions { Timeout = 15_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        return (page, problems, chromium);
    }

    [Fact]
    public async Task Render_TenantRun_ShowsTheTenantTableIsolationCleanupAndOneCostLinePerTenant()
    {
        var result = await TenantRunAsync();
        var tenants = result.Tenants.ShouldNotBeNull();
        tenants.Tenants.Count.ShouldBe(3);
        tenants.Tenants.ShouldAllBe(t => t.CostUsd > 0);
        var folder = ArtifactFolder.For("html-report-tenants");
        var path = Path.Combine(folder, "report.html");
        await HtmlReport.WriteAsync(result, path, TestContext.Current.CancellationToken);

        var (page, problems, chromium) = await OpenAsync(path, Path.Combine(folder, "report.png"));
        await using var _ = chromium;

        await page.Locator("#section-tenants").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(folder, "tenants.png") });
        problems.ShouldBeEmpty();
        (await page.Locator("#section-tenants h2").InnerTextAsync()).ShouldBe("Tenants");
        (await page.Locator("#tenants thead th").AllInnerTextsAsync()).ShouldBe(TenantReport.Columns);
        var rows = page.Locator("#tenants tbody tr");
        (await rows.CountAsync()).ShouldBe(tenants.Tenants.Count);
        for (var i = 0; i < tenants.Tenants.Count; i++)
        {
            var expected = tenants.Tenants[i];
            var row = rows.Nth(i);
            (await row.GetAttributeAsync("data-tenant")).ShouldBe(expected.Tenant);
            (await row.Locator("td").AllInnerTextsAsync()).ShouldBe(TenantReport.Cells(expected));
            var cost = row.Locator("td").Last;
            Value(await cost.GetAttributeAsync("data-value")).ShouldBe(expected.CostUsd);
            (await cost.InnerTextAsync()).ShouldBe(TenantReport.Dollars(expected.CostUsd));
        }

        var isolation = tenants.Isolation.ShouldNotBeNull();
        (await page.GetAttributeAsync("#tenant-isolation", "data-verdict")).ShouldBe(isolation.Verdict);
        (await page.Locator("#tenant-isolation strong").InnerTextAsync()).ShouldBe(TenantReport.IsolationLines(isolation).First());
        (await page.Locator("#tenant-isolation li").CountAsync()).ShouldBe(isolation.Evidence.Count);
        (await page.Locator("#tenant-isolation li[data-tenant='org-2']").InnerTextAsync()).ShouldContain("org-2 expected throttled");
        (await page.Locator("#tenant-cleanup li").First.InnerTextAsync()).ShouldBe(TenantReport.Cleanup(tenants.Cleanup.ShouldNotBeNull()));

        // The cost chart: one uPlot series per tenant (the legend's first row is the time axis), with ink on its canvas.
        var chart = page.Locator($"#section-tenants figure[data-chart='{TenantCostChart.Id}']");
        (await chart.Locator(".uplot").CountAsync()).ShouldBe(1);
        var legend = await chart.Locator(".u-legend .u-series .u-label").AllInnerTextsAsync();
        legend.Skip(1).ShouldBe(["org-1", "org-2", "org-3"], ignoreOrder: true);
        var inked = await chart.Locator("canvas").EvaluateAsync<int>(@"c => {
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
            for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; } return n; }");
        inked.ShouldBeGreaterThan(200);
    }

    [Fact]
    public async Task Render_RunWithoutTenants_HasNoTenantsSectionOrCostChart()
    {
        sample.Result.Tenants.ShouldBeNull();
        var folder = ArtifactFolder.For("html-report-no-tenants");
        var path = Path.Combine(folder, "report.html");
        await HtmlReport.WriteAsync(sample.Result, path, TestContext.Current.CancellationToken);

        var (page, problems, chromium) = await OpenAsync(path, Path.Combine(folder, "report.png"));
        await using var _ = chromium;

        problems.ShouldBeEmpty();
        (await page.Locator("figure.chart").CountAsync()).ShouldBeGreaterThan(0);
        (await page.Locator("#section-tenants").CountAsync()).ShouldBe(0);
        (await page.Locator($"figure[data-chart='{TenantCostChart.Id}']").CountAsync()).ShouldBe(0);
    }

    private static double Value(string? text) => double.Parse(text.ShouldNotBeNull(), CultureInfo.InvariantCulture);
}
