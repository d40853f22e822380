using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Stampede.DemoTarget;

namespace Stampede.Cli.Tests.Dashboard;

/// <summary>The dashboard's endpoints over real HTTP during a run: the stream, the token and origin rules, no secrets.</summary>
public sealed class DashboardServerTests : IAsyncLifetime
{
    private DemoTargetServer _target = null!;

    public async ValueTask InitializeAsync() => _target = await DemoTargetServer.StartAsync(new DemoTargetOptions { Port = 0 });

    public async ValueTask DisposeAsync() => await _target.DisposeAsync();

    [Fact]
    public async Task Control_WithoutTokenOrFromAnotherOrigin_IsRefusedAndTheRunGoesOn()
    {
        var run = await StartAsync();
        using var client = new HttpClient();

        using (var response = await client.SendAsync(Control(run, token: null, origin: null)))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using (var response = await client.SendAsync(Control(run, token: "0000000000000000", origin: null)))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using (var response = await client.SendAsync(Control(run, run.Token, origin: "http://evil.example")))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        using (var response = await client.SendAsync(Control(run, run.Token, origin: null, site: "cross-site")))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        // A DNS name that resolves to loopback (rebinding) is not the dashboard's own address.
        using (var rebound = Control(run, run.Token, origin: null))
        {
            rebound.Headers.Host = "attacker.example:" + run.Address.Port;
            using var response = await client.SendAsync(rebound);
            response.StatusCode.ShouldBe(HttpStatusCode.MisdirectedRequest);
        }

        run.Run.IsCompleted.ShouldBeFalse();
        using (var response = await client.SendAsync(Control(run, run.Token, origin: run.Address.GetLeftPart(UriPartial.Authority))))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await run.EndAsync()).ShouldBe(ExitCodes.Failure);
        run.Host.Output.ShouldContain("stopped from the dashboard");
    }

    [Fact]
    public async Task Events_DuringRun_StreamOneFramePerSecondWithoutSecretsFromUrlOrHeaders()
    {
        var run = await StartAsync("--header", "Authorization: Bearer header-secret-value", "--header", "X-Api-Key: another-secret-value");
        using var client = new HttpClient();
        using var response = await client.GetAsync(new Uri(run.Address, "events"), HttpCompletionOption.ResponseHeadersRead);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var frames = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (frames.Count < 3 && await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                frames.Add(line["data: ".Length..]);
            }
        }

        frames.Count.ShouldBe(3);
        frames.ShouldAllBe(f => f.Contains("\"type\":\"second\""));
        frames[2].ShouldContain("\"second\":3");
        frames[2].ShouldContain("\"name\":\"http_req_duration\"");
        var all = string.Join("\n", frames);
        all.ShouldNotContain("url-secret-value");
        all.ShouldNotContain("header-secret-value");
        all.ShouldNotContain("another-secret-value");
        all.ShouldContain("api_key=[REDACTED]");

        await Stop(run);
    }

    [Fact]
    public async Task Page_OnLoopback_IsServedWithoutTokenButNotForAnotherHost()
    {
        var run = await StartAsync();
        using var client = new HttpClient();
        using (var page = await client.GetAsync(run.Address))
        {
            page.StatusCode.ShouldBe(HttpStatusCode.OK);
            page.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
            (await page.Content.ReadAsStringAsync()).ShouldContain("window.StampedeCharts");
        }

        using (var request = new HttpRequestMessage(HttpMethod.Get, run.Address))
        {
            request.Headers.Host = "dashboard.example.com";
            using var response = await client.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.MisdirectedRequest);
        }

        await Stop(run);
    }

    private Task<DashboardRun> StartAsync(params string[] extra) =>
        DashboardRun.StartAsync(["run", "--url", new Uri(_target.BaseAddress, "api/health?api_key=url-secret-value").ToString(), "--vus", "1", "--duration", "30s", "--think", "50ms", .. extra]);

    private static async Task Stop(DashboardRun run)
    {
        using var client = new HttpClient();
        using var response = await client.SendAsync(Control(run, run.Token, origin: null));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        await run.EndAsync();
    }

    private static HttpRequestMessage Control(DashboardRun run, string? token, string? origin, string? site = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(run.Address, "api/control"))
        {
            Content = new StringContent("{\"action\":\"stop\"}", Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (site is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", site);
        }

        return request;
    }
}
