using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Playwright;
using Stampede.Cli.Tests.Dashboard;
using Stampede.Cli.Tests.Support;
using Stampede.DemoTarget;
using Stampede.Metrics;
using Stampede.Reports.Tests.Support;

namespace Stampede.Cli.Tests.Commands;

/// <summary><c>stampede ui plan.yaml</c> in-process against the demo target: the page before the run, its Start, and the run it starts.</summary>
public sealed class UiCommandTests : CommandTestBase, IAsyncLifetime
{
    private DemoTargetServer _target = null!;

    public async ValueTask InitializeAsync() => _target = await DemoTargetServer.StartAsync(new DemoTargetOptions { Port = 0 });

    public async ValueTask DisposeAsync() => await _target.DisposeAsync();

    /// <summary>A plan of one constant-vus scenario of 1 VU for a minute: what Start's form replaces.</summary>
    private string WritePlan()
    {
        var path = PathFor("plan.yaml");
        File.WriteAllText(path, $$"""
            name: ui-plan
            baseUrl: {{_target.BaseAddress.ToString().TrimEnd('/')}}
            scenarios:
              browse:
                executor: constant-vus
                vus: 1
                duration: 1m
                flow:
                  - get: /api/health
                    check: { status: 200 }
                  - think: 50ms
            """);
        return path;
    }

    [Fact]
    public async Task Page_SetVusAndDurationThenStart_RunsWithThoseVusAndFinishes()
    {
        var json = PathFor("ui.json");
        var run = await DashboardRun.StartAsync("ui", WritePlan(), "--ui-timeout", "2m", "--out", $"json={json}");
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.Context.NewPageAsync();
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Add(message.Text);
            }
        };

        await page.GotoAsync(run.PageLink);
        await page.WaitForFunctionAsync("document.getElementById('state').textContent === 'waiting for Start'", null, new PageWaitForFunctionOptions { Timeout = 20_000 });
        (await page.IsVisibleAsync("#start-form")).ShouldBeTrue();
        (await page.IsVisibleAsync("#stop")).ShouldBeFalse("the run's controls wait for the run");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactFolder.For("dashboard"), "ui-before-start.png"), FullPage = true });
        run.Run.IsCompleted.ShouldBeFalse("the command waits for Start");

        await page.FillAsync("#start-vus", "3");
        await page.FillAsync("#start-duration", "4s");
        await page.ClickAsync("#start");
        await page.WaitForFunctionAsync("document.body.dataset.vus === '3'", null, new PageWaitForFunctionOptions { Timeout = 20_000 });
        (await page.IsVisibleAsync("#start-form")).ShouldBeFalse();
        (await page.IsVisibleAsync("#stop")).ShouldBeTrue();
        await page.WaitForFunctionAsync("document.body.dataset.ended === 'true'", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactFolder.For("dashboard"), "ui-after-run.png"), FullPage = true });
        (await page.TextContentAsync("#verdict")).ShouldNotBeNull().ShouldStartWith("PASSED");

        (await run.EndAsync()).ShouldBe(ExitCodes.Ok);
        run.Host.Errors.ShouldContain("ui: Start pressed (3 VUs, for 4s)");
        var result = RunResultJson.Deserialize(await File.ReadAllTextAsync(json));
        result.Metric("vus_max")!.Values.Max.ShouldBe(3);
        result.Scenarios.Single().Executor.ShouldBe("constant-vus");
        result.Meta.DurationSeconds.ShouldBeInRange(3.5, 15, "the form's 4s, not the plan's minute");
        result.Meta.StopReason.ShouldBeNull();
        problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task Start_WithoutTokenFromAnotherOriginOrWithABadForm_IsRefusedAndTheCommandWaitsOn()
    {
        var run = await DashboardRun.StartAsync("ui", WritePlan(), "--ui-timeout", "2m");
        using var client = new HttpClient();

        using (var response = await client.SendAsync(Start(run, token: null, "{\"action\":\"start\",\"vus\":2,\"duration\":\"2s\"}")))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using (var response = await client.SendAsync(Start(run, run.Token, "{\"action\":\"start\",\"vus\":2,\"duration\":\"2s\"}", origin: "http://evil.example")))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        using (var response = await client.SendAsync(Start(run, run.Token, "{\"action\":\"start\",\"vus\":2,\"duration\":\"soon\"}")))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await response.Content.ReadAsStringAsync()).ShouldContain("--duration");
        }

        using (var response = await client.SendAsync(Start(run, run.Token, "{\"action\":\"stop\"}")))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await response.Content.ReadAsStringAsync()).ShouldContain("press Start first");
        }

        run.Run.IsCompleted.ShouldBeFalse();
        using (var response = await client.SendAsync(Start(run, run.Token, "{\"action\":\"start\",\"vus\":2,\"duration\":\"2s\"}")))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using (var response = await client.SendAsync(Start(run, run.Token, "{\"action\":\"start\",\"vus\":5}")))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        }

        (await run.EndAsync()).ShouldBe(ExitCodes.Ok);
        run.Host.Output.ShouldContain("constant-vus");
    }

    [Fact]
    public async Task Ui_NobodyPressesStart_GivesUpAfterTheTimeoutWithoutRunning()
    {
        var run = await DashboardRun.StartAsync("ui", WritePlan(), "--ui-timeout", "1s");

        (await run.EndAsync()).ShouldBe(ExitCodes.Failure);
        run.Host.Errors.ShouldContain("nobody pressed Start within 1s (--ui-timeout); nothing was run");
        (await ServedAsync("/api/health")).ShouldBe(0);
    }

    [Theory]
    [InlineData("--ui-timeout", "0s", "--ui-timeout")]
    [InlineData("--ui-timeout", "later", "--ui-timeout")]
    [InlineData("--dashboard-linger", "forever", "--dashboard-linger")]
    public async Task Ui_BadOption_ExitsTwoBeforeServing(string option, string value, string expected)
    {
        var (exitCode, _, error) = await RunCliAsync("ui", WritePlan(), option, value, "--dashboard", "127.0.0.1:0");

        exitCode.ShouldBe(ExitCodes.BadInput);
        error.ShouldContain(expected);
        error.ShouldNotContain("dashboard: http");
    }

    [Fact]
    public async Task Ui_BrokenPlan_ExitsTwoWithItsLocationBeforeServing()
    {
        var path = PathFor("broken.yaml");
        await File.WriteAllTextAsync(path, "name: broken\nscenarios:\n  a:\n    executor: constant-vus\n    vus: many\n    flow:\n      - get: /\n");

        var (exitCode, _, error) = await RunCliAsync("ui", path, "--dashboard", "127.0.0.1:0");

        exitCode.ShouldBe(ExitCodes.BadInput);
        error.ShouldContain("broken.yaml:5");
        error.ShouldNotContain("dashboard: http");
    }

    private static HttpRequestMessage Start(DashboardRun run, string? token, string body, string? origin = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(run.Address, "api/control"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return request;
    }

    /// <summary>What the demo target counts it answered on a route, from its Prometheus endpoint.</summary>
    private async Task<long> ServedAsync(string route)
    {
        using var http = new HttpClient { BaseAddress = _target.BaseAddress };
        var text = await http.GetStringAsync("metrics");
        return text.Split('\n')
            .Where(l => l.StartsWith("demo_http_requests_total{", StringComparison.Ordinal) && l.Contains($"route=\"{route}\"", StringComparison.Ordinal))
            .Sum(l => (long)double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
