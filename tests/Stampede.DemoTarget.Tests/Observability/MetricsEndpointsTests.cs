using System.Globalization;
using System.Net;
using Shouldly;
using Stampede.DemoTarget.Tests.Support;

namespace Stampede.DemoTarget.Tests.Observability;

public class MetricsEndpointsTests(DemoTargetFixture target) : IClassFixture<DemoTargetFixture>
{
    [Fact]
    public async Task GetMetrics_AfterTraffic_PassesPromtoolCheck()
    {
        await Traffic();

        using var response = await target.Client.GetAsync("metrics");
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        var (exitCode, output) = await Promtool.CheckMetricsAsync(body);
        exitCode.ShouldBe(0, output);
    }

    [Fact]
    public async Task GetMetrics_AfterTraffic_ReportsRoutesSpendAndProcess()
    {
        await Traffic();

        var body = await target.Client.GetStringAsync("metrics");

        body.ShouldContain("demo_http_requests_total{route=\"/api/missions/{id:long}\",method=\"GET\",status=\"404\"}");
        body.ShouldContain("demo_http_request_duration_seconds_bucket{route=\"/api/health\",method=\"GET\",le=\"+Inf\"}");
        body.ShouldContain("demo_org_spend_usd_total{org=\"demo\"}");
        body.ShouldContain("demo_active_streams{protocol=\"sse\"}");
        body.ShouldContain("process_cpu_seconds_total ");
        body.ShouldContain("process_resident_memory_bytes ");
        Value(body, "demo_org_spend_usd_total{org=\"demo\"}").ShouldBeGreaterThan(0);
    }

    private async Task Traffic()
    {
        await target.Client.GetAsync("api/health");
        await target.Client.GetAsync("api/missions/123456");
        await target.Client.SendAsync(Tenants.Completion(target.Server.DemoApiKey));
    }

    internal static double Value(string exposition, string series)
    {
        var line = exposition.Split('\n').Single(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }
}
