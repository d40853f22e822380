using Shouldly;
using Stampede.DemoTarget;
using Stampede.Metrics;
using Stampede.Monitoring.Json;
using Stampede.Plans.Monitoring;
using Stampede.Tests.TestServers;
using Xunit;

namespace Stampede.Tests.Monitoring.Json;

public sealed class JsonScraperTests
{
    [Fact]
    public async Task ReadOnceAsync_DemoTargetHealth_RecordsEachSelectedValue()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var target = await DemoTargetServer.StartAsync(new DemoTargetOptions { Port = 0 }, ct);
        var registry = new MetricRegistry();
        var options = new JsonScrapeOptions
        {
            Url = new Uri(target.BaseAddress, "/api/health/details"),
            Select = new Dictionary<string, string> { ["loop_target_hz"] = "$.loop.targetHz", ["health_in_flight"] = "inFlight", ["not_there"] = "$.nothing.here" },
        };
        await using var scraper = new JsonScraper(options, registry, TimeProvider.System, new ErrorLog());

        (await scraper.ReadOnceAsync(ct)).ShouldBeTrue();
        (await scraper.ReadOnceAsync(ct)).ShouldBeTrue();
        registry.Collect();

        var hz = registry.SeriesOf("loop_target_hz").Cast<TrendSeries>().Single().Stats;
        hz.Count.ShouldBe(2);
        hz.Min.ShouldBe(new DemoTargetOptions().BackendLoopHz);
        registry.SeriesOf("health_in_flight").Cast<TrendSeries>().Single().Stats.Min.ShouldBe(1);   // the read itself
        registry.SeriesOf("not_there").Cast<TrendSeries>().Single().Stats.Count.ShouldBe(0);
    }

    [Fact]
    public async Task ReadOnceAsync_NotJson_CountsTheErrorAndLogsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var target = await DemoTargetServer.StartAsync(new DemoTargetOptions { Port = 0 }, ct);
        var registry = new MetricRegistry();
        var errors = new ErrorLog();
        var options = new JsonScrapeOptions { Url = new Uri(target.BaseAddress, "/metrics"), Select = new Dictionary<string, string> { ["x"] = "$.x" } };
        await using var scraper = new JsonScraper(options, registry, TimeProvider.System, errors);

        (await scraper.ReadOnceAsync(ct)).ShouldBeFalse();

        registry.SeriesOf("monitor_scrape_errors").Cast<CounterSeries>().Single().Total.ShouldBe(1);
        errors.Entries.ShouldHaveSingleItem().Scenario.ShouldBe("monitor");
    }

    [Fact]
    public async Task ReadOnceAsync_NothingListening_CountsTheError()
    {
        var ct = TestContext.Current.CancellationToken;
        var registry = new MetricRegistry();
        var options = new JsonScrapeOptions { Url = new Uri($"http://127.0.0.1:{ClosedPort.Next()}/health"), Select = new Dictionary<string, string> { ["x"] = "$.x" } };
        await using var scraper = new JsonScraper(options, registry, TimeProvider.System, new ErrorLog());

        (await scraper.ReadOnceAsync(ct)).ShouldBeFalse();

        registry.SeriesOf("monitor_scrape_errors").Cast<CounterSeries>().Single().Total.ShouldBe(1);
    }
}
