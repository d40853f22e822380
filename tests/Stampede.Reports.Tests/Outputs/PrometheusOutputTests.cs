using System.Globalization;
using System.Text.Json;
using Shouldly;
using Stampede.Outputs;
using Stampede.Reports.Tests.Support;
using Xunit;

namespace Stampede.Reports.Tests.Outputs;

/// <summary>Debian's real Prometheus scrapes a run through the output's endpoint.</summary>
public sealed class PrometheusOutputTests
{
    [Fact]
    public async Task OnSecond_ScrapedByPrometheus_ServesCountersAndHistogramsWithTagLabels()
    {
        var exporterPort = ServerProcess.FreePort();
        await using var prometheus = await ServerProcess.StartAsync("prometheus", (folder, port) =>
        {
            var config = Path.Combine(folder, "prometheus.yml");
            File.WriteAllText(config, $"global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: stampede\n    scrape_interval: 1s\n    static_configs:\n      - targets: ['127.0.0.1:{exporterPort}']\n");
            return [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(folder, "data")}", $"--web.listen-address=127.0.0.1:{port}"];
        }, "-/ready");

        using var client = new HttpClient();
        // Prometheus applies discovered targets a few seconds after start; wait until it is scraping (the target is down until the run starts).
        await WaitForFirstScrapeAsync(client, prometheus);

        var result = await SampleRun.RunAsync("4s", [new PrometheusOutput("127.0.0.1", exporterPort)]);

        var requests = await QueryAsync(client, prometheus, "sum(max_over_time(stampede_http_reqs_total[1m]))");
        requests.ShouldHaveSingleItem().Value.ShouldBeGreaterThan(0);
        requests[0].Value.ShouldBeLessThanOrEqualTo(result.Metric("http_reqs")!.Values.Count!.Value);
        var durations = await QueryAsync(client, prometheus, "max_over_time(stampede_http_req_duration_seconds_count{scenario=\"browse\",status=\"500\"}[1m])");
        durations.ShouldHaveSingleItem().Labels["group"].ShouldBe("::failing");
        durations[0].Value.ShouldBeGreaterThan(0);
        var p95 = await QueryAsync(client, prometheus, "histogram_quantile(0.95, sum by (le) (max_over_time(stampede_http_req_duration_seconds_bucket[1m])))");
        p95.ShouldHaveSingleItem().Value.ShouldBeInRange(0.000_01, 5);
        (await QueryAsync(client, prometheus, "max_over_time(stampede_vus[1m])")).ShouldHaveSingleItem().Value.ShouldBe(3);
    }

    private static async Task WaitForFirstScrapeAsync(HttpClient client, ServerProcess prometheus)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri(prometheus.BaseAddress, "api/v1/targets")));
            var targets = document.RootElement.GetProperty("data").GetProperty("activeTargets");
            if (targets.GetArrayLength() > 0 && !targets[0].GetProperty("lastScrape").GetString()!.StartsWith("0001", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("Prometheus did not start scraping");
    }

    private static async Task<List<(Dictionary<string, string> Labels, double Value)>> QueryAsync(HttpClient client, ServerProcess prometheus, string query)
    {
        var json = await client.GetStringAsync(new Uri(prometheus.BaseAddress, "api/v1/query?query=" + Uri.EscapeDataString(query)));
        using var document = JsonDocument.Parse(json);
        document.RootElement.GetProperty("status").GetString().ShouldBe("success", json);
        return [.. document.RootElement.GetProperty("data").GetProperty("result").EnumerateArray().Select(r => (
            r.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
            double.Parse(r.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)))];
    }
}
