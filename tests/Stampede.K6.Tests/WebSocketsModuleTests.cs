using Stampede.DemoTarget;
using Stampede.Execution;
using Stampede.K6;
using Stampede.Metrics;

namespace Stampede.K6.Tests;

/// <summary><c>k6/experimental/websockets</c> against the demo target's chat and pub/sub sockets and a pinging echo server.</summary>
public sealed class WebSocketsModuleTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("stampede-k6websockets-").FullName;
    private DemoTargetServer _server = null!;
    private PingingEchoServer _echo = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await DemoTargetServer.StartAsync(new DemoTargetOptions { Port = 0, PubSubInterval = TimeSpan.FromMilliseconds(50) });
        _echo = await PingingEchoServer.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _echo.DisposeAsync();
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private string Ws(string path) => new UriBuilder(_server.BaseAddress) { Scheme = "ws", Path = path }.Uri.ToString();

    [Fact]
    public async Task WebSocket_Chat_OpensStreamsTheReplyAndClosesBeforeTheIterationEnds()
    {
        var result = await RunAsync("""
            import { WebSocket } from 'k6/experimental/websockets';
            import { check } from 'k6';
            import { Counter } from 'k6/metrics';

            export const options = { vus: 2, iterations: 4 };
            const tokens = new Counter('tokens');

            export default function () {
              const ws = new WebSocket(__ENV.CHAT_URL, null, { tags: { name: 'chat', flow: 'ask' } });
              const states = [ws.readyState];
              let streamed = 0;
              ws.onopen = (e) => { states.push(ws.readyState); check(e, { 'open event': (ev) => ev.type === 'open' && ev.target === ws }); ws.send(JSON.stringify({ message: 'hello' })); };
              ws.addEventListener('message', (e) => {
                const m = JSON.parse(e.data);
                if (m.type === 'token') { streamed++; tokens.add(1); }
                if (m.type === 'end') { ws.close(); states.push(ws.readyState); }
              });
              ws.onclose = (e) => {
                check(e, {
                  'closed with 1000': (ev) => ev.code === 1000,
                  'states went 0,1,2 then 3': () => states.join() === '0,1,2' && ws.readyState === WebSocket.CLOSED,
                  'tokens streamed': () => streamed > 2,
                });
              };
            }
            """);

        result.Metric("iterations")!.Values.Count.ShouldBe(4);
        result.Checks.Count.ShouldBe(4);
        result.Checks.ShouldAllBe(c => c.Passes == 4 && c.Fails == 0);
        Count(result, "ws_sessions").ShouldBe(4);
        Count(result, "ws_msgs_sent").ShouldBe(4);
        Count(result, "ws_msgs_received").ShouldBeGreaterThanOrEqualTo(Count(result, "tokens") + 2 * 4);
        result.Metric("ws_session_duration")!.Values.Count.ShouldBe(4);
        result.Metric("ws_sessions")!.Series.ShouldContain(s => s.Tags.GetValueOrDefault("name") == "chat" && s.Tags.GetValueOrDefault("flow") == "ask");
    }

    [Fact]
    public async Task WebSocket_Ping_FiresPongAndRecordsWsPing()
    {
        var result = await RunAsync("""
            import { WebSocket } from 'k6/experimental/websockets';
            import { check } from 'k6';

            export const options = { vus: 1, iterations: 2 };

            export default function () {
              const ws = new WebSocket(__ENV.PUBSUB_URL);
              let pongs = 0;
              ws.onopen = () => { ws.ping(); ws.ping(); };
              ws.onpong = () => { pongs++; if (pongs === 2) ws.close(); };
              ws.onclose = () => check(pongs, { 'two pongs': (n) => n === 2 });
            }
            """);

        result.Checks.Single().Passes.ShouldBe(2);
        result.Checks.Single().Fails.ShouldBe(0);
        result.Metric("ws_ping")!.Values.Count.ShouldBe(4);
    }

    [Fact]
    public async Task WebSocket_ServerPings_FirePingEvents()
    {
        var result = await RunAsync("""
            import { WebSocket } from 'k6/experimental/websockets';
            import { check } from 'k6';

            export const options = { vus: 1, iterations: 1 };

            export default function () {
              const ws = new WebSocket(__ENV.ECHO_URL);
              let pings = 0, echoed = '';
              ws.binaryType = 'arraybuffer';
              ws.onopen = () => ws.send(new Uint8Array([1, 2, 3]));
              ws.onmessage = (e) => { echoed = e.data instanceof ArrayBuffer ? Array.from(new Uint8Array(e.data)).join() : 'not a buffer'; };
              ws.onping = () => { pings++; if (pings === 3) ws.close(); };
              ws.onclose = () => check(null, { 'three server pings': () => pings === 3, 'binary echoed': () => echoed === '1,2,3' });
            }
            """);

        result.Checks.Count.ShouldBe(2);
        result.Checks.ShouldAllBe(c => c.Passes == 1 && c.Fails == 0);
    }

    [Fact]
    public async Task WebSocket_RefusedUpgrade_FiresErrorThenCloseAndCountsWsErrors()
    {
        var result = await RunAsync("""
            import { WebSocket } from 'k6/experimental/websockets';
            import { check } from 'k6';

            export const options = { vus: 1, iterations: 1 };

            export default function () {
              const ws = new WebSocket(__ENV.CHAT_URL.replace('/api/chat', '/no-such-socket'));
              const seen = [];
              ws.onopen = () => seen.push('open');
              ws.onerror = (e) => seen.push('error:' + (typeof e.error === 'string' && e.error.length > 0));
              ws.onclose = (e) => { seen.push('close:' + e.code); check(seen, { 'error then close': (s) => s.join() === 'error:true,close:1006' }); };
            }
            """);

        result.Checks.Single().Passes.ShouldBe(1);
        Count(result, "ws_sessions").ShouldBe(0);
        Count(result, "ws_errors").ShouldBe(1);
    }

    [Fact]
    public async Task WebSocket_BadUseOfTheApi_ThrowsAsK6Does()
    {
        var result = await RunAsync("""
            import { WebSocket } from 'k6/experimental/websockets';
            import { check } from 'k6';

            export const options = { vus: 1, iterations: 1 };

            function throws(f) { try { f(); return ''; } catch (e) { return String(e.message); } }

            export default function () {
              const ws = new WebSocket(__ENV.CHAT_URL);
              check(null, {
                'send before open': () => throws(() => ws.send('x')) === 'InvalidStateError',
                'http url refused': () => throws(() => new WebSocket('http://127.0.0.1/')).includes('scheme ws or wss'),
                'bad binaryType': () => throws(() => { ws.binaryType = 'text'; }).includes('binaryType'),
                'bad close code': () => throws(() => ws.close(1001)).includes('InvalidAccessError'),
              });
              ws.onopen = () => ws.close(3001, 'done');
              ws.onclose = (e) => check(e, { 'own code and reason': (ev) => ev.code === 3001 && ev.reason === 'done' });
            }
            """);

        result.Checks.Count.ShouldBe(5);
        result.Checks.ShouldAllBe(c => c.Passes == 1 && c.Fails == 0);
    }

    [Fact]
    public async Task WebSocket_ThrowingHandler_EndsTheIterationWithItsErrorAndClosesTheSocket()
    {
        var result = await RunAsync("""
            import { WebSocket } from 'k6/experimental/websockets';

            export const options = { vus: 1, iterations: 2 };

            export default function () {
              const ws = new WebSocket(__ENV.PUBSUB_URL);
              ws.onopen = () => ws.send(JSON.stringify({ type: 'subscribe', channel: 'a' }));
              ws.onmessage = () => { throw new Error('boom in onmessage'); };
            }
            """);

        result.Metric("iterations")!.Values.Count.ShouldBe(2);
        result.Errors.ShouldContain(e => e.Message.Contains("boom in onmessage"));
        result.Metric("ws_session_duration")!.Values.Count.ShouldBe(2);
    }

    [Fact]
    public async Task WebSocket_NeverClosed_StoppedIterationEndsTheRun()
    {
        var result = await RunAsync("""
            import { WebSocket } from 'k6/experimental/websockets';

            export const options = { scenarios: { s: { executor: 'constant-vus', vus: 2, duration: '2s', gracefulStop: '0s' } } };

            export default function () {
              const ws = new WebSocket(__ENV.PUBSUB_URL);
              ws.onopen = () => ws.send(JSON.stringify({ type: 'subscribe', channel: 'a' }));
            }
            """);

        // The stop ends the run although no socket was ever closed. A VU whose socket was still connecting on a busy
        // machine when the stop came has no session to count, so the count is bounded rather than pinned.
        result.Meta.DurationSeconds.ShouldBeLessThan(15);
        Count(result, "ws_sessions").ShouldBeInRange(1, 2);
        Count(result, "ws_msgs_received").ShouldBeGreaterThan(0);
    }

    private static double Count(RunResult result, string metric) => result.Metric(metric)?.Values.Count ?? 0;

    private async Task<RunResult> RunAsync(string script)
    {
        var file = Path.Combine(_folder, $"script-{Guid.NewGuid():N}.js");
        await File.WriteAllTextAsync(file, script, TestContext.Current.CancellationToken);
        var env = new Dictionary<string, string> { ["CHAT_URL"] = Ws("/api/chat"), ["PUBSUB_URL"] = Ws("/ws"), ["ECHO_URL"] = _echo.Url.ToString() };
        using var load = K6ScriptLoader.Load(file, new K6LoadOptions { Env = env });
        load.Errors.ShouldBeEmpty();
        return await new Engine(new EngineOptions()).RunAsync(load.Plan!).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }
}
