using Shouldly;
using Stampede.DemoTarget;
using Stampede.Metrics;
using Stampede.Monitoring.Prometheus;
using Stampede.Plans.Monitoring;
using Stampede.Tests.TestServers;
using Xunit;

namespace Stampede.Tests.Monitoring.Prometheus;

public sealed class PrometheusScraperTests
{
    [Fact]
    public async Task ScrapeOnceAsync_DemoTarget_RecordsSelectedGaugesAndCounterRates()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var target = await DemoTargetServer.StartAsync(new DemoTargetOptions { Port = 0 }, ct);
        using var http = new HttpClient { BaseAddress = target.BaseAddress };
        var registry = new MetricRegistry();
        var options = new PrometheusScrapeOptions
        {
            Url = new Uri(target.BaseAddress, "/metrics"),
            Select = ["backend_loop_hz", "process_resident_memory_bytes", "demo_http_requests_total"],
        };
        await using var scraper = new PrometheusScraper(options, registry, TimeProvider.System, new ErrorLog());

        (await http.GetAsync("/api/health", ct)).EnsureSuccessStatusCode();
        (await scraper.ScrapeOnceAsync(ct)).ShouldBeTrue();
        for (var i = 0; i < 20; i++)
        {
            (await http.GetAsync("/api/health", ct)).EnsureSuccessStatusCode();
        }

        await Task.Delay(100, ct);
        (await scraper.ScrapeOnceAsync(ct)).ShouldBeTrue();
        registry.Collect();

        registry.Find("backend_loop_hz")!.Kind.ShouldBe(MetricKind.Trend);
        registry.SeriesOf("backend_loop_hz").Cast<TrendSeries>().Single().Stats.Count.ShouldBe(2);
        registry.SeriesOf("process_resident_memory_bytes").Cast<TrendSeries>().Single().Stats.Min.ShouldBeGreaterThan(1_000_000);
        var health = registry.SeriesOf("demo_http_requests_total").Cast<TrendSeries>()
            .Single(s => s.Tags["route"] == "/api/health" && s.Tags["status"] == "200");
        health.Stats.Count.ShouldBe(1);
        health.Stats.Max.ShouldBeGreaterThan(20);   // 20 requests in a few hundred ms is well above 20/s
        registry.Find("dotnet_gc_heap_bytes").ShouldBeNull();
    }

    [Fact]
    public async Task ScrapeOnceAsync_NothingListening_CountsTheErrorAndLogsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var port = ClosedPort.Next();
        var registry = new MetricRegistry();
        var errors = new ErrorLog();
        await using var scraper = new PrometheusScraper(new PrometheusScrapeOptions { Url = new Uri($"http://127.0.0.1:{port}/metrics") }, registry, TimeProvider.System, errors);

        (await scraper.ScrapeOnceAsync(ct)).ShouldBeFalse();

        registry.SeriesOf("monitor_scrape_errors").Cast<CounterSeries>().Single().Total.ShouldBe(1);
        errors.Entries.ShouldHaveSingleItem().Scenario.ShouldBe("monitor");
    }
}
