using Stampede.Metrics;
using Stampede.Outputs;
using Xunit;

namespace Stampede.Reports.Tests.Support;

/// <summary>
/// Debian's real Pushgateway and a real Prometheus scraping it every second, after one <see cref="TenantSampleRun"/>
/// pushed to the gateway; ready once Prometheus scraped the run's final push. Shared by the export and dashboard
/// tests, so the run and both servers start once.
/// </summary>
public sealed class TenantExportFixture : IAsyncLifetime
{
    private ServerProcess? _gateway;
    private ServerProcess? _prometheus;
    private PrometheusApi? _api;

    public RunResult Result { get; private set; } = null!;

    internal PrometheusApi Prometheus => _api!;

    public async ValueTask InitializeAsync()
    {
        _gateway = await ServerProcess.StartAsync("prometheus-pushgateway", (folder, port) =>
            [$"--web.listen-address=127.0.0.1:{port}", $"--persistence.file={Path.Combine(folder, "pushgateway.data")}"], "-/ready");
        var gatewayPort = _gateway.Port;
        _prometheus = await ServerProcess.StartAsync("prometheus", (folder, port) =>
        {
            var config = Path.Combine(folder, "prometheus.yml");
            File.WriteAllText(config, $"global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: gateway\n    honor_labels: true\n    scrape_interval: 1s\n    static_configs:\n      - targets: ['127.0.0.1:{gatewayPort}']\n");
            return [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(folder, "data")}", $"--web.listen-address=127.0.0.1:{port}"];
        }, "-/ready");
        _api = new PrometheusApi(_prometheus.BaseAddress);

        Result = await TenantSampleRun.RunAsync([new PushgatewayOutput(_gateway.BaseAddress, TimeSpan.FromMilliseconds(500), instance: "tenants")]);
        await _api.WaitForScrapeAfterAsync(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        _api?.Dispose();
        if (_prometheus is not null)
        {
            await _prometheus.DisposeAsync();
        }

        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }
}
