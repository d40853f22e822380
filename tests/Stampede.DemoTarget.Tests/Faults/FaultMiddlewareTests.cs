using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;
using Stampede.DemoTarget.Tests.Support;

namespace Stampede.DemoTarget.Tests.Faults;

public class FaultMiddlewareTests(DemoTargetFixture target) : IClassFixture<DemoTargetFixture>
{
    [Fact]
    public async Task ErrorRateOption_One_EveryRequestGets500ButMetricsWork()
    {
        await using var server = await DemoTargetServer.StartAsync(DemoTargetFixture.FastOptions with { ErrorRate = 1.0 });
        using var client = DemoTargetFixture.CreateClient(server);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            using var response = await client.GetAsync(i % 2 == 0 ? "api/health" : "api/specs/spec-1");
            statuses.Add(response.StatusCode);
        }

        statuses.ShouldAllBe(s => s == HttpStatusCode.InternalServerError);
        (await client.GetAsync("metrics")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ErrorRateHeader_One_Gets500()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/health");
        request.Headers.Add("X-Fault-Error-Rate", "1");

        using var response = await target.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
    }

    [Fact]
    public async Task LatencyQuery_200ms_RequestTakesAtLeastThatLong()
    {
        var started = Stopwatch.StartNew();

        using var response = await target.Client.GetAsync("api/health?fault-latency=200");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        // The server's timer counts on the coarse tick clock and may end a tick (up to 10 ms) early.
        started.Elapsed.TotalMilliseconds.ShouldBeGreaterThanOrEqualTo(180);
    }

    [Fact]
    public async Task DropHeader_SseStream_ClientSeesTheStreamCut()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/chat") { Content = JsonContent.Create(new { message = "drop me" }) };
        request.Headers.Add("X-Fault-Drop-Rate", "1");
        using var response = await target.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var events = new List<SseEvent>();

        var error = await Should.ThrowAsync<Exception>(async () =>
        {
            await using var stream = await response.Content.ReadAsStreamAsync();
            await foreach (var e in SseReader.ReadAsync(stream))
            {
                events.Add(e);
            }
        });

        error.ShouldBeAssignableTo<IOException>();
        events.Count.ShouldBeGreaterThan(0);
        events.ShouldAllBe(e => e.Event == "token");
    }

    [Fact]
    public async Task DropHeader_PlainRequest_ConnectionAbortedWithoutAnswer()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/health");
        request.Headers.Add("X-Fault-Drop-Rate", "1");

        await Should.ThrowAsync<HttpRequestException>(() => target.Client.SendAsync(request));
    }

    [Fact]
    public async Task StallQuery_Stalls_SomeRequestsWaitForTheStallToEnd()
    {
        // Stalled 200 ms of every 250 ms: a request that lands in a stall waits until it ends.
        var latencies = new List<double>();
        var window = Stopwatch.StartNew();
        while (window.Elapsed < TimeSpan.FromMilliseconds(600) && latencies.Count < 50)
        {
            var started = Stopwatch.StartNew();
            using var response = await target.Client.GetAsync("api/health?fault-stall-for=200&fault-stall-every=250");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            latencies.Add(started.Elapsed.TotalMilliseconds);
            await Task.Delay(20);
        }

        latencies.Max().ShouldBeGreaterThan(80);
        latencies.Max().ShouldBeLessThan(1000);
    }

    [Fact]
    public async Task SlowBodyHeader_BytesPerSecond_BodyTrickles()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/specs/spec-2");
        request.Headers.Add("X-Fault-Slow-Body", "4000");
        var started = Stopwatch.StartNew();

        using var response = await target.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        // About 1.1 KB at 4 KB/s.
        started.Elapsed.TotalMilliseconds.ShouldBeGreaterThan(200);
        JsonDocument.Parse(body).RootElement.GetProperty("id").GetString().ShouldBe("spec-2");
    }

    [Fact]
    public async Task RequestFaultsDisallowed_Headers_Ignored()
    {
        await using var server = await DemoTargetServer.StartAsync(DemoTargetFixture.FastOptions with { AllowRequestFaults = false });
        using var client = DemoTargetFixture.CreateClient(server);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/health");
        request.Headers.Add("X-Fault-Error-Rate", "1");

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ErrorRateHeader_One_WritesInjectedFault()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/specs/spec-1");
        request.Headers.Add("X-Fault-Error-Rate", "1");

        using var response = await target.Client.SendAsync(request);

        WireJson.MediaTypeWithCharset(response).ShouldBe("application/json; charset=utf-8");
        (await WireJson.BodyAsync(response)).ShouldBe("""{"error":"injected_fault","message":"Injected by the error-rate fault."}""");
    }
}
