using System.Diagnostics;
using System.Globalization;
using Shouldly;
using Stampede.Metrics;
using Stampede.Protocols.Http;
using Stampede.Protocols.Sse;
using Stampede.Tests.TestServers;
using Xunit;

namespace Stampede.Tests.Protocols.Sse;

public sealed class VuSseTests : IAsyncLifetime
{
    private StreamingTestServer _server = null!;
    private readonly MetricRegistry _registry = new();

    public async ValueTask InitializeAsync() => _server = await StreamingTestServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private VuSse Client() => new(new HttpSession(new HttpSessionOptions { BaseAddress = _server.BaseAddress }), _registry,
        TimeProvider.System, () => TagSet.Of(("scenario", "test")), () => TestContext.Current.CancellationToken);

    [Fact]
    public async Task OpenAsync_TimedStream_TimestampsEachEventAtTheReadThatDeliveredIt()
    {
        await using var sse = Client();

        var result = await sse.GetAsync("/sse/timed?n=6&first=60&gap=30", name: "timed");

        result.Error.ShouldBe(SseErrorKind.None);
        result.TerminalSeen.ShouldBeTrue();
        var timed = result.Events.Where(e => e.Type == "message").ToList();
        timed.Count.ShouldBe(6);
        var delays = timed.Select(e => Stopwatch.GetElapsedTime(long.Parse(e.Data, CultureInfo.InvariantCulture), e.Timestamp).TotalMilliseconds).ToList();
        delays.ShouldAllBe(d => d >= 0);

        // Loopback delivery takes microseconds; events stamped when a later read (30 ms on) or the end of the stream
        // arrived would sit half a gap or more late.
        delays.Order().ElementAt(delays.Count / 2).ShouldBeLessThan(15);
        result.TimeToFirstEventMs!.Value.ShouldBeGreaterThanOrEqualTo(55);
    }

    [Fact]
    public async Task OpenAsync_TimedStream_RecordsSseMetrics()
    {
        await using var sse = Client();

        await sse.GetAsync("/sse/timed?n=4&first=30&gap=40", name: "timed");

        _registry.Total("sse_events").ShouldBe(5);
        _registry.Total("sse_streams").ShouldBe(1);
        _registry.Trend("sse_connect").Count.ShouldBe(1);
        _registry.Trend("sse_time_to_first_event").Min.ShouldBeGreaterThanOrEqualTo(25);
        var gaps = _registry.Trend("sse_event_gap");
        (gaps.Count + (long)_registry.Total("sse_coalesced_events")).ShouldBe(4);
        gaps.Min.ShouldBeGreaterThanOrEqualTo(30);
        _registry.Trend("sse_stream_duration").Min.ShouldBeGreaterThanOrEqualTo(140);
        _registry.SeriesOf("sse_events").Single().Tags["name"].ShouldBe("timed");
        _registry.SeriesOf("sse_events").Single().Tags["status"].ShouldBe("200");
    }

    [Fact]
    public async Task OpenAsync_StopWhileTheServerIsSilent_EndsTheStreamWithoutAnError()
    {
        await using var sse = Client();
        using var stop = new CancellationTokenSource();
        var opened = 0;

        var result = await sse.OpenAsync(new SseRequest("/sse/idle")
        {
            OnOpen = response => { opened = response.Status; stop.CancelAfter(TimeSpan.FromMilliseconds(50)); },
            IdleTimeout = TimeSpan.FromSeconds(20),
        }, stop.Token);

        opened.ShouldBe(200);
        result.Error.ShouldBe(SseErrorKind.None);
        result.DurationMs.ShouldBeLessThan(4_000);   // the server stays silent for 5 s before it ends the stream itself
        _registry.Trend("sse_stream_duration").Count.ShouldBe(1);
        _registry.SeriesOf("sse_errors").ShouldBeEmpty();
    }

    [Fact]
    public async Task PostAsync_JsonBodyAndHeaders_AreSentWithIdentityEncoding()
    {
        await using var sse = Client();

        var result = await sse.OpenAsync(new SseRequest("/sse/echo")
        {
            Method = HttpMethod.Post,
            Body = HttpBody.Json("{\"q\":1}"),
            Headers = [new("X-Test", "yes")],
        });

        result.Events[0].Data.ShouldBe("yes|identity|{\"q\":1}");
        result.TerminalSeen.ShouldBeTrue();
    }

    [Fact]
    public async Task OpenAsync_EventsInOneRead_AreCountedAsCoalescedNotAsZeroGaps()
    {
        await using var sse = Client();

        var result = await sse.GetAsync("/sse/burst");

        result.EventCount.ShouldBe(3);
        _registry.Total("sse_coalesced_events").ShouldBe(2);
        _registry.TrendCount("sse_event_gap").ShouldBe(0);
    }

    [Theory]
    [InlineData("/sse/json", SseErrorKind.ContentType, "content_type")]
    [InlineData("/sse/status", SseErrorKind.Status, "status")]
    [InlineData("/sse/cut", SseErrorKind.Reset, "reset")]
    public async Task OpenAsync_Failure_IsClassifiedAndCounted(string path, SseErrorKind kind, string tag)
    {
        await using var sse = Client();

        var result = await sse.GetAsync(path, name: "x");

        result.Error.ShouldBe(kind);
        _registry.Total("sse_errors", "error", tag).ShouldBe(1);
    }

    [Fact]
    public async Task OpenAsync_SilentServer_EndsWithIdleTimeout()
    {
        await using var sse = Client();

        var result = await sse.OpenAsync(new SseRequest("/sse/idle") { IdleTimeout = TimeSpan.FromMilliseconds(150) });

        result.Error.ShouldBe(SseErrorKind.IdleTimeout);
        result.EventCount.ShouldBe(1);
        result.DurationMs.ShouldBeInRange(140, 2000);
        _registry.Total("sse_errors", "error", "idle_timeout").ShouldBe(1);
    }

    [Fact]
    public async Task OpenAsync_RefusedPort_IsRefused()
    {
        await using var sse = Client();
        var url = $"http://127.0.0.1:{ClosedPort.Next()}/";

        var result = await sse.GetAsync(url);

        result.Error.ShouldBe(SseErrorKind.Refused);
        result.Status.ShouldBe(0);
    }

    [Fact]
    public async Task OpenAsync_Reconnect_SendsLastEventIdAndHonoursRetry()
    {
        await using var sse = Client();

        var result = await sse.OpenAsync(new SseRequest("/sse/resume") { MaxReconnects = 2 });

        result.Reconnects.ShouldBe(1);
        result.Events.Select(e => e.Data).ShouldBe(["first", "second", "{}"]);
        result.LastEventId.ShouldBe("2");
        result.HasEvent("^sec").ShouldBeTrue();
        result.HasEventOfType("done").ShouldBeTrue();
    }

    [Fact]
    public async Task OpenAsync_OnEventReturnsFalse_StopsWithoutError()
    {
        await using var sse = Client();

        var result = await sse.OpenAsync(new SseRequest("/sse/timed?n=5&first=1&gap=1") { OnEvent = e => e.Id != "1" });

        result.EventCount.ShouldBe(2);
        result.Error.ShouldBe(SseErrorKind.None);
    }

    [Fact]
    public void Validate_BadSettings_ListsEveryProblem()
    {
        var problems = new SseRequest("") { IdleTimeout = TimeSpan.Zero, MaxReconnects = -1 }.Validate();

        problems.Count.ShouldBe(3);
    }
}
