using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Stampede.Execution;
using Stampede.Metrics;
using Stampede.Outputs;
using Stampede.Plans;

namespace Stampede.Testing;

/// <summary>
/// A short real run against a loopback Kestrel server with successes, 500s, 404s, a group, checks, a passing and a
/// failing threshold and a streaming metric (<c>llm_ttft</c>): the result every report test reads.
/// </summary>
public static class SampleRun
{
    // The streaming metrics the LLM, SSE and WebSocket protocols record, as the streaming dashboard expects them.
    public static readonly Metric LlmTtft = new("llm_ttft", MetricKind.Trend, MetricUnit.Time);
    public static readonly Metric LlmItl = new("llm_itl", MetricKind.Trend, MetricUnit.Time);
    public static readonly Metric LlmTokensPerSecond = new("llm_tokens_per_second", MetricKind.Trend);
    public static readonly Metric LlmOutputTokens = new("llm_output_tokens", MetricKind.Counter);
    public static readonly Metric LlmInputTokens = new("llm_input_tokens", MetricKind.Counter);
    public static readonly Metric LlmCost = new("llm_cost", MetricKind.Counter);
    public static readonly Metric SseTimeToFirstEvent = new("sse_time_to_first_event", MetricKind.Trend, MetricUnit.Time);
    public static readonly Metric SseEvents = new("sse_events", MetricKind.Counter);
    public static readonly Metric WsMsgsReceived = new("ws_msgs_received", MetricKind.Counter);
    public static readonly Metric WsMsgsSent = new("ws_msgs_sent", MetricKind.Counter);

    public static async Task<RunResult> RunAsync(string duration = "2s", IReadOnlyList<IOutput>? outputs = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        app.MapGet("/ok", async () => { await Task.Delay(Random.Shared.Next(1, 6)); return Results.Text("fine"); });
        app.MapGet("/fail", () => Results.StatusCode(500));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var plan = TestPlan.Create("sample")
            .Scenario("browse", s => s.ConstantVus(3, duration).Iteration(async vu =>
            {
                var ok = await vu.Http.GetAsync(address + "/ok");
                vu.Check("ok is 200", ok.Status == 200);
                await vu.Group("failing", async () =>
                {
                    var failed = await vu.Http.GetAsync(address + (vu.Iteration % 4 == 0 ? "/fail" : "/missing"));
                    vu.Check("fail is 200", failed.Status == 200);
                });
                vu.Metrics.Trend(LlmTtft, vu.Tags).Record(20 + (vu.Iteration % 10));
                vu.Metrics.Trend(LlmItl, vu.Tags).Record(2 + (vu.Iteration % 3));
                vu.Metrics.Trend(LlmTokensPerSecond, vu.Tags).Record(40 + (vu.Iteration % 7));
                vu.Metrics.Counter(LlmOutputTokens, vu.Tags.With("model", "demo-small")).Add(25);
                vu.Metrics.Counter(LlmInputTokens, vu.Tags.With("model", "demo-small")).Add(12);
                vu.Metrics.Counter(LlmCost, vu.Tags.With("model", "demo-small")).Add(0.0001);
                vu.Metrics.Trend(SseTimeToFirstEvent, vu.Tags).Record(15 + (vu.Iteration % 5));
                vu.Metrics.Counter(SseEvents, vu.Tags).Add(26);
                vu.Metrics.Counter(WsMsgsReceived, vu.Tags).Add(2);
                vu.Metrics.Counter(WsMsgsSent, vu.Tags).Add(1);
                await vu.SleepAsync(0.02);
            }))
            .Threshold("http_req_duration", "p(95)<5000")
            .Threshold("http_req_failed", "rate<0.1")
            .Build();
        return await new Engine(new EngineOptions { Outputs = outputs ?? [], Host = "test-host" }).RunAsync(plan);
    }
}
