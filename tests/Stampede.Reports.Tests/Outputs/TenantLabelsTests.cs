using Shouldly;
using Stampede.Reports.Tests.Support;
using Xunit;

namespace Stampede.Reports.Tests.Outputs;

/// <summary>
/// A real tenant run pushed to the Pushgateway and scraped by Prometheus: its per-tenant series, summed by the
/// <c>tenant</c> label, give the numbers of the result's own per-tenant rows.
/// </summary>
[Collection(TenantExportCollection.Name)]
public sealed class TenantLabelsTests(TenantExportFixture export)
{
    [Fact]
    public async Task Pushgateway_TenantRun_RequestsPerTenantEqualTheResultsTenantRows()
    {
        var http = await ByTenantAsync("sum by (tenant) (stampede_http_reqs_total)");
        var llm = await ByTenantAsync("sum by (tenant) (stampede_llm_requests_total)");

        foreach (var row in Rows())
        {
            (http[row.Tenant] + llm[row.Tenant]).ShouldBe(row.Requests, row.Tenant);
        }

        http.Keys.Order().ShouldBe(TenantSampleRun.Tenants);
    }

    [Fact]
    public async Task Pushgateway_TenantRun_CostPerTenantEqualsTheResultsTenantRows()
    {
        var cost = await ByTenantAsync("sum by (tenant) (stampede_llm_cost_total)");

        foreach (var row in Rows())
        {
            row.CostUsd.ShouldBeGreaterThan(0);
            cost[row.Tenant].ShouldBe(row.CostUsd, 1e-9, row.Tenant);
        }
    }

    [Fact]
    public async Task Pushgateway_TenantRun_ErrorRatePerTenantEqualsTheResultsTenantRows()
    {
        var requests = await ByTenantAsync("sum by (tenant) (stampede_http_reqs_total) + sum by (tenant) (stampede_llm_requests_total)");
        var httpFailed = await ByTenantAsync("sum by (tenant) (stampede_http_reqs_total{expected_response=\"false\"})");
        var llmErrors = await ByTenantAsync("sum by (tenant) (stampede_llm_errors_total)");

        foreach (var row in Rows())
        {
            var failures = httpFailed[row.Tenant] + llmErrors.GetValueOrDefault(row.Tenant);
            (failures / requests[row.Tenant]).ShouldBe(row.ErrorRate, 1e-9, row.Tenant);
        }

        // org-2's budget runs out: its chats fail with 429 while org-1's keep being answered.
        llmErrors["org-2"].ShouldBeGreaterThan(0);
        Rows().Single(r => r.Tenant == "org-2").ErrorRate.ShouldBeGreaterThan(Rows().Single(r => r.Tenant == "org-1").ErrorRate);
    }

    [Fact]
    public async Task Pushgateway_TenantRun_LatencyHistogramsCountEachTenantsRequests()
    {
        var durations = await ByTenantAsync("sum by (tenant) (stampede_http_req_duration_seconds_count)");
        var requests = await ByTenantAsync("sum by (tenant) (stampede_http_reqs_total)");

        durations.Keys.Order().ShouldBe(TenantSampleRun.Tenants);
        foreach (var tenant in TenantSampleRun.Tenants)
        {
            durations[tenant].ShouldBe(requests[tenant], tenant);
        }
    }

    [Fact]
    public async Task Pushgateway_TenantRunTaggingUsers_ExportsAUserLabelPerUser()
    {
        var users = await export.Prometheus.QueryAsync("sum by (tenant, user) (stampede_http_reqs_total)");

        users.Select(u => u.Labels["user"]).Order().ShouldBe(["org-1/user-1", "org-1/user-2", "org-2/user-1", "org-2/user-2"]);
        users.ShouldAllBe(u => u.Labels["user"].StartsWith(u.Labels["tenant"] + "/", StringComparison.Ordinal));
        users.Sum(u => u.Value).ShouldBe(export.Result.Metric("http_reqs")!.Values.Count!.Value);
    }

    private List<Stampede.Metrics.TenantRow> Rows()
    {
        var rows = export.Result.Tenants.ShouldNotBeNull().Tenants.ToList();
        rows.Select(r => r.Tenant).ShouldBe(TenantSampleRun.Tenants);
        return rows;
    }

    private async Task<Dictionary<string, double>> ByTenantAsync(string query) =>
        (await export.Prometheus.QueryAsync(query)).ToDictionary(s => s.Labels["tenant"], s => s.Value);
}
