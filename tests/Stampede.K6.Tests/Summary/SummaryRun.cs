using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Stampede.Execution;
using Stampede.Metrics;
using Stampede.Plans;

namespace Stampede.K6.Tests.Summary;

/// <summary>
/// One real run, shared by the summary tests: ten iterations of one VU against a loopback Kestrel server, with a
/// root check, a check in <c>shop</c> and one in <c>shop › cart</c> that fails twice, and custom metrics whose
/// samples are known (iteration n records a wait of n×10 ms, 2 items, level n and good = n % 4 != 0).
/// </summary>
internal static class SummaryRun
{
    public static readonly Metric WaitTime = new("wait_time", MetricKind.Trend, MetricUnit.Time);
    public static readonly Metric Items = new("items", MetricKind.Counter);
    public static readonly Metric Level = new("level", MetricKind.Gauge);
    public static readonly Metric Good = new("good", MetricKind.Rate);

    private static readonly Lazy<Task<RunResult>> Run = new(RunAsync);

    public static Task<RunResult> Result => Run.Value;

    private static async Task<RunResult> RunAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        app.MapGet("/ok", () => Results.Text("fine"));
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var n = 0;
            var plan = TestPlan.Create("summary")
                .Metric(WaitTime).Metric(Items).Metric(Level).Metric(Good)
                .Scenario("shop", s => s.PerVuIterations(1, 10).Iteration(async vu =>
                {
                    var i = ++n;
                    var ok = await vu.Http.GetAsync(address + "/ok");
                    vu.Check("status is 200", ok.Status == 200);
                    await vu.Group("shop", async () =>
                    {
                        vu.Check("has items", true);
                        await vu.Group("cart", () =>
                        {
                            vu.Check("cart ok", i % 5 != 0);
                            return Task.CompletedTask;
                        });
                    });
                    vu.Metrics.Trend(WaitTime, vu.Tags.With("kind", i <= 5 ? "fast" : "slow")).Record(i * 10);
                    vu.Metrics.Counter(Items, vu.Tags).Add(2);
                    vu.Metrics.Gauge(Level, vu.Tags).Set(i);
                    vu.Metrics.Rate(Good, vu.Tags).Add(i % 4 != 0);
                }))
                .Threshold("wait_time", "p(95)<1000", "avg<10")
                .Threshold("wait_time{kind:slow}", "max<200")
                .Threshold("http_req_duration{expected_response:true}", "p(95)<5000")
                .Threshold("good", "rate>0.9")
                .Threshold("items", "count>=20")
                .Build();
            return await new Engine(new EngineOptions { Host = "test-host" }).RunAsync(plan);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}
