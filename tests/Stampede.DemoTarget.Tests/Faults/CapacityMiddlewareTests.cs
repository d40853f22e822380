using System.Diagnostics;
using System.Net;
using Shouldly;
using Stampede.DemoTarget.Tests.Support;

namespace Stampede.DemoTarget.Tests.Faults;

public class CapacityMiddlewareTests
{
    [Fact]
    public async Task Request_PastCapacityWithNoQueue_Gets503()
    {
        await using var server = await DemoTargetServer.StartAsync(DemoTargetFixture.FastOptions with { MaxConcurrency = 1, MaxQueueLength = 0 });
        using var client = DemoTargetFixture.CreateClient(server);

        var slow = client.GetAsync("api/health?fault-latency=400");
        await WaitForInFlightAsync(client, 1);
        using var refused = await client.GetAsync("api/health");
        using var served = await slow;

        served.StatusCode.ShouldBe(HttpStatusCode.OK);
        refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        refused.Headers.RetryAfter.ShouldNotBeNull();
        (await client.GetStringAsync("metrics")).ShouldContain("demo_requests_rejected_total 1");
    }

    [Fact]
    public async Task Request_PastCapacityWithQueue_WaitsForASlot()
    {
        await using var server = await DemoTargetServer.StartAsync(DemoTargetFixture.FastOptions with { MaxConcurrency = 1, MaxQueueLength = 4 });
        using var client = DemoTargetFixture.CreateClient(server);

        var slow = client.GetAsync("api/health?fault-latency=400");
        await WaitForInFlightAsync(client, 1);
        var started = Stopwatch.StartNew();
        using var queued = await client.GetAsync("api/health");
        using var served = await slow;

        queued.StatusCode.ShouldBe(HttpStatusCode.OK);
        started.Elapsed.TotalMilliseconds.ShouldBeGreaterThan(200);
    }

    [Fact]
    public async Task Request_QueueTimeoutPassed_Gets503()
    {
        var options = DemoTargetFixture.FastOptions with { MaxConcurrency = 1, MaxQueueLength = 4, QueueTimeout = TimeSpan.FromMilliseconds(100) };
        await using var server = await DemoTargetServer.StartAsync(options);
        using var client = DemoTargetFixture.CreateClient(server);

        var slow = client.GetAsync("api/health?fault-latency=600");
        await WaitForInFlightAsync(client, 1);
        using var timedOut = await client.GetAsync("api/health");
        using var served = await slow;

        timedOut.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task Request_PastCapacity_WritesOverloadedError()
    {
        await using var server = await DemoTargetServer.StartAsync(DemoTargetFixture.FastOptions with { MaxConcurrency = 1, MaxQueueLength = 0 });
        using var client = DemoTargetFixture.CreateClient(server);

        var slow = client.GetAsync("api/health?fault-latency=400");
        await WaitForInFlightAsync(client, 1);
        using var refused = await client.GetAsync("api/health");
        using var served = await slow;

        WireJson.MediaTypeWithCharset(refused).ShouldBe("application/json; charset=utf-8");
        (await WireJson.BodyAsync(refused)).ShouldBe(
            """{"error":"overloaded","message":"The server is at capacity (1 requests in flight and the queue is full or too slow)."}""");
    }

    /// <summary>
    /// Until the server holds <paramref name="count"/> requests in its slots (its /metrics bypasses the gate): a
    /// fixed delay races the slow request's arrival on a busy machine.
    /// </summary>
    private static async Task WaitForInFlightAsync(HttpClient client, int count)
    {
        var deadline = Stopwatch.StartNew();
        while (!(await client.GetStringAsync("metrics")).Contains($"demo_requests_in_flight {count}\n", StringComparison.Ordinal))
        {
            deadline.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10), $"the server never held {count} request(s)");
            await Task.Delay(10);
        }
    }
}
