using Shouldly;
using Stampede.DemoTarget;
using Stampede.Execution;
using Stampede.Metrics;
using Stampede.Outputs;
using Stampede.Plans;
using Stampede.Plans.Executors;
using Xunit;

namespace Stampede.Tests.Outputs;

/// <summary>
/// A target that freezes for 300 ms of every second (the demo target's stall knob), loaded at 100 arrivals/s by
/// 5 VUs, with every file output attached: when arrivals are dropped each output says so; when they queue, none does.
/// </summary>
public sealed class DroppedArrivalsReportingTests : IAsyncLifetime
{
    private DemoTargetServer _target = null!;
    private readonly string _folder = Directory.CreateTempSubdirectory("stampede-drops-").FullName;

    public async ValueTask InitializeAsync() => _target = await DemoTargetServer.StartAsync(new DemoTargetOptions { Port = 0 });

    public async ValueTask DisposeAsync()
    {
        await _target.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<(RunResult Result, string Console, string Json, string Html, string Markdown, string JUnit)> RunAsync(ArrivalOverflow overflow)
    {
        var plan = TestPlan.Create("stalls").BaseUrl(_target.BaseAddress.ToString())
            .Scenario("s", s => s.ConstantArrivalRate(rate: 100, duration: "3s", preAllocatedVus: 5, maxVus: 5).Overflow(overflow).GracefulStop("5s")
                .Iteration(async vu => await vu.Http.GetAsync("api/health?fault-stall-for=300&fault-stall-every=1000")))
            .Threshold("http_req_duration", "p(95)<10000")
            .Build();
        var name = overflow.ToString();
        IOutput[] outputs =
        [
            new JsonResultOutput(Path.Combine(_folder, name + ".json")),
            new HtmlReportOutput(Path.Combine(_folder, name + ".html")),
            new MarkdownSummaryOutput(Path.Combine(_folder, name + ".md")),
            new JUnitOutput(Path.Combine(_folder, name + ".xml")),
        ];

        var result = await new Engine(new EngineOptions { Outputs = outputs }).RunAsync(plan);

        string Read(string extension) => File.ReadAllText(Path.Combine(_folder, name + extension));
        return (result, new ConsoleSummary().Render(result), Read(".json"), Read(".html"), Read(".md"), Read(".xml"));
    }

    [Fact]
    public async Task Drop_PeriodicStalls_EveryOutputReportsTheDropsAndWhatTheyMeanForTheLatencies()
    {
        var (result, console, json, html, markdown, junit) = await RunAsync(ArrivalOverflow.Drop);

        var dropped = result.Scenarios.Single().DroppedIterations;
        dropped.ShouldBeGreaterThanOrEqualTo(30);
        var notice = DroppedArrivalsNotice.For(result).ShouldNotBeNull();
        notice.Drops.Dropped.ShouldBe(dropped);
        notice.Drops.Fraction.ShouldBe((double)dropped / 300, 1e-9);
        var headline = notice.Headline;
        headline.ShouldStartWith($"{dropped:N0} of 300 arrivals (");

        console.ShouldContain("Warning: " + headline);
        html.ShouldContain(System.Net.WebUtility.HtmlEncode(headline));
        markdown.ShouldContain("**Dropped arrivals:** " + headline);
        junit.ShouldContain(headline);
        foreach (var text in new[] { console, html, markdown, junit })
        {
            text.ShouldContain("The latency percentiles exclude them");
        }

        var read = RunResultJson.Deserialize(json).DroppedArrivals.ShouldNotBeNull();
        read.Dropped.ShouldBe(dropped);
        json.ShouldContain($"\"droppedArrivals\":{{\"dropped\":{dropped},");
    }

    [Fact]
    public async Task Queue_PeriodicStalls_NoOutputWarnsOfDrops()
    {
        var (result, console, json, html, markdown, junit) = await RunAsync(ArrivalOverflow.Queue);

        result.Scenarios.Single().DroppedIterations.ShouldBe(0);
        DroppedArrivalsNotice.For(result).ShouldBeNull();
        foreach (var text in new[] { console, html, markdown, junit, json })
        {
            text.ShouldNotContain("arrivals dropped");
            text.ShouldNotContain("were dropped");
        }

        json.ShouldNotContain("droppedArrivals");
    }
}
