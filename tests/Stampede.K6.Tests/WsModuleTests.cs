using System.Diagnostics;
using Stampede.DemoTarget;
using Stampede.Execution;
using Stampede.K6;
using Stampede.Metrics;

namespace Stampede.K6.Tests;

public sealed class WsModuleTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("stampede-k6ws-").FullName;
    private DemoTargetServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await DemoTargetServer.StartAsync(new DemoTargetOptions
    {
        Port = 0,
        PubSubInterval = TimeSpan.FromMilliseconds(50),
    });

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private string WsUrl => new UriBuilder(_server.BaseAddress) { Scheme = "ws", Path = "/ws" }.Uri.ToString();

    [Fact]
    public async Task Connect_Subscription_DispatchesMessagesUntilTheTimeoutCloses()
    {
        var result = await RunAsync("""
            import ws from 'k6/ws';
            import { check } from 'k6';
            import { Counter } from 'k6/metrics';

            export const options = { vus: 1, iterations: 1 };
            const received = new Counter('received_messages');

            export default function () {
              let opened = false, closed = false, ticks = 0;
              const res = ws.connect(__ENV.WS_URL, { tags: { name: 'pubsub' } }, function (socket) {
                socket.on('open', () => { opened = true; socket.send(JSON.stringify({ type: 'subscribe', channel: 'a' })); });
                socket.on('message', (msg) => { received.add(1); JSON.parse(msg); });
                socket.on('close', () => { closed = true; });
                socket.setInterval(() => { ticks++; }, 200);
                socket.setTimeout(() => socket.close(), 1000);
              });
              check(res, { 'status is 101': (r) => r && r.status === 101 });
              check(null, { 'open and close handlers ran': () => opened && closed, 'interval ticked': () => ticks >= 3 });
            }
            """);

        result.Checks.Where(c => c.Fails > 0).ShouldBeEmpty();
        result.Checks.Single(c => c.Name == "status is 101").Passes.ShouldBe(1);
        Count(result, "ws_sessions").ShouldBe(1);
        Count(result, "ws_msgs_sent").ShouldBe(1);
        Count(result, "ws_msgs_received").ShouldBeGreaterThan(5);
        // A message read just as the timeout closes the socket is counted by the session but never dispatched.
        Count(result, "received_messages").ShouldBeInRange(Count(result, "ws_msgs_received") - 2, Count(result, "ws_msgs_received"));
        result.Metric("ws_connecting").ShouldNotBeNull().Values.Avg.ShouldNotBeNull();
        var duration = result.Metric("ws_session_duration").ShouldNotBeNull().Values.Max.ShouldNotBeNull();
        duration.ShouldBeInRange(950, 3000);
        result.Metric("ws_sessions").ShouldNotBeNull().Series.ShouldContain(s => s.Tags.GetValueOrDefault("name") == "pubsub");
    }

    [Fact]
    public async Task Connect_Chat_ReceivesAStreamedReplyAndBinaryRoundTrips()
    {
        var result = await RunAsync("""
            import ws from 'k6/ws';
            import { check } from 'k6';

            export const options = { vus: 1, iterations: 1 };

            export default function () {
              let messages = 0, ended = false;
              const url = __ENV.WS_URL.replace('/ws', '/api/chat');
              const res = ws.connect(url, function (socket) {
                socket.on('open', () => socket.send(JSON.stringify({ message: 'hello' })));
                socket.on('message', (msg) => { messages++; if (msg.indexOf('"end"') >= 0) { ended = true; socket.close(); } });
                socket.setTimeout(() => socket.close(), 10000);
              });
              check(res, { 'status is 101': (r) => r.status === 101 });
              check(null, { 'reply streamed to its end': () => ended && messages > 2 });
            }
            """);

        result.Checks.Where(c => c.Fails > 0).ShouldBeEmpty();
        result.Checks.Count.ShouldBe(2);
        Count(result, "ws_sessions").ShouldBe(1);
        Count(result, "ws_msgs_received").ShouldBeGreaterThan(2);
    }

    [Fact]
    public async Task Connect_FailedHandshake_ReturnsTheHttpStatus()
    {
        var result = await RunAsync("""
            import ws from 'k6/ws';
            import { check } from 'k6';

            export const options = { vus: 1, iterations: 1 };

            export default function () {
              let called = false;
              const res = ws.connect(__ENV.WS_URL.replace('/ws', '/no-such-socket'), {}, function () { called = true; });
              check(res, { 'status is not 101': (r) => r.status !== 101, 'error is set': (r) => r.error !== '' });
              check(null, { 'callback not called': () => !called });
            }
            """);

        result.Checks.Where(c => c.Fails > 0).ShouldBeEmpty();
        result.Checks.Count.ShouldBe(3);
        Count(result, "ws_sessions").ShouldBe(0);
        Count(result, "ws_errors").ShouldBe(1);
    }

    [Fact]
    public async Task Connect_StoppedIteration_EndsTheLoop()
    {
        var clock = Stopwatch.StartNew();
        var result = await RunAsync("""
            import ws from 'k6/ws';

            export const options = { scenarios: { s: { executor: 'constant-vus', vus: 1, duration: '1s', gracefulStop: '0s' } } };

            export default function () {
              ws.connect(__ENV.WS_URL, function (socket) {
                socket.on('open', () => socket.send(JSON.stringify({ type: 'subscribe', channel: 'a' })));
                socket.setTimeout(() => socket.close(), 60000);
              });
            }
            """);

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15));
        Count(result, "ws_sessions").ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task Ping_SendsAProtocolPing_PongFiresAndWsPingIsRecorded()
    {
        var result = await RunAsync("""
            import ws from 'k6/ws';
            import { check } from 'k6';

            export const options = { vus: 1, iterations: 1 };

            export default function () {
              let pongs = 0;
              ws.connect(__ENV.WS_URL, function (socket) {
                socket.on('open', () => { socket.ping(); socket.ping(); socket.ping(); });
                socket.on('pong', () => { pongs++; if (pongs === 3) socket.close(); });
                socket.setTimeout(() => socket.close(), 10000);
              });
              check(pongs, { 'three pongs': (n) => n === 3 });
            }
            """);

        result.Checks.Single().Passes.ShouldBe(1);
        result.Metric("ws_ping").ShouldNotBeNull().Values.Count.ShouldBe(3);
        result.Metric("ws_ping")!.Values.Max.ShouldNotBeNull().ShouldBeLessThan(10000);
    }

    [Fact]
    public async Task Ping_ServerPings_FireThePingEventAndAreAnswered()
    {
        await using var echo = await PingingEchoServer.StartAsync();
        var result = await RunAsync($$"""
            import ws from 'k6/ws';
            import { check } from 'k6';

            export const options = { vus: 1, iterations: 1 };

            export default function () {
              let pings = 0, echoed = '';
              ws.connect('{{echo.Url}}', function (socket) {
                socket.on('open', () => socket.send('still here'));
                socket.on('message', (m) => { echoed = m; });
                socket.on('ping', () => { pings++; if (pings === 4) socket.close(); });
                socket.setTimeout(() => socket.close(), 10000);
              });
              check(null, { 'four server pings': () => pings === 4, 'echo arrived': () => echoed === 'still here' });
            }
            """);

        result.Checks.Count.ShouldBe(2);
        result.Checks.ShouldAllBe(c => c.Passes == 1 && c.Fails == 0);
        Count(result, "ws_errors").ShouldBe(0);
    }

    [Fact]
    public async Task ApiSuiteWebSocketScript_ConnectsAndPassesItsCheck()
    {
        var suite = UsersK6Suite.Folder();
        Assert.SkipWhen(suite is null, "shared/k6/api-suite was not found above the test assembly's directory");
        var original = await File.ReadAllTextAsync(Path.Combine(suite!, "websocket.js"), TestContext.Current.CancellationToken);
        // The script holds each connection for 30 s; a copy holding it 2 s keeps the test short with the same code.
        original.ShouldContain("}, 30000);");
        var result = await RunAsync(original.Replace("}, 30000);", "}, 2000);", StringComparison.Ordinal));

        Count(result, "ws_sessions").ShouldBeGreaterThanOrEqualTo(1);
        result.Checks.Single(c => c.Name == "WebSocket connection successful").Passes.ShouldBe(1);
        result.Checks.Where(c => c.Fails > 0).ShouldBeEmpty();
        Count(result, "ws_messages_received").ShouldBeGreaterThan(1);
        result.Thresholds.ShouldAllBe(t => t.Outcome != ThresholdOutcomeNames.Failed);
    }

    private static double Count(RunResult result, string metric) => result.Metric(metric)?.Values.Count ?? 0;

    private async Task<RunResult> RunAsync(string script)
    {
        var file = Path.Combine(_folder, $"script-{Guid.NewGuid():N}.js");
        await File.WriteAllTextAsync(file, script, TestContext.Current.CancellationToken);
        using var load = K6ScriptLoader.Load(file, new K6LoadOptions { Env = new Dictionary<string, string> { ["WS_URL"] = WsUrl } });
        load.Errors.ShouldBeEmpty();
        return await new Engine(new EngineOptions()).RunAsync(load.Plan!).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }
}
