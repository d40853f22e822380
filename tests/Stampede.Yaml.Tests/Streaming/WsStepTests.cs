using Stampede.Execution;

namespace Stampede.Yaml.Tests.Streaming;

public sealed class WsStepTests(DemoTargetFixture target) : IClassFixture<DemoTargetFixture>
{
    [Fact]
    public async Task RunAsync_TwoTurnsOnOneSession_CapturesBetweenThemAndTimesTheReplies()
    {
        var plan = target.Load("""
            name: t
            baseUrl: BASE
            scenarios:
              a:
                executor: per-vu-iterations
                flow:
                  - ws: /api/chat
                    actions:
                      - send: { message: "{{ question }}" }
                      - receive: { until: end, timeout: 5s, capture: { id: json.conversationId }, check: { completed: true } }
                      - send: { message: again, conversationId: "{{ id }}" }
                      - receive: end
                      - close
                    check: { connected: true, completed: true, messages: ">4", firstMessage: "<5s", "json.turn": 2, message: "contains token" }
                    capture: { lastText: text }
                  - if: "{{ lastText }}"
                    steps: [ { get: /api/health, check: { status: 200 } } ]
            """);

        var result = await new Engine().RunAsync(plan);

        result.Checks.Count.ShouldBe(8);
        result.Checks.Where(c => c.Fails > 0 || c.Passes != 1).ShouldBeEmpty();
        result.Metric("ws_sessions")!.Values.Count.ShouldBe(1);
        result.Metric("ws_time_to_first_message")!.Values.Count.ShouldBe(2);
        result.Metric("ws_msgs_sent")!.Values.Count.ShouldBe(2);
    }

    [Fact]
    public async Task RunAsync_PingAndCountedReceive_RecordsThePingRoundTrip()
    {
        var plan = target.Load("""
            name: t
            baseUrl: BASE
            scenarios:
              a:
                executor: per-vu-iterations
                flow:
                  - ws: /ws
                    actions:
                      - ping
                      - send: { type: subscribe, channel: news }
                      - receive: { count: 2, timeout: 5s }
                      - think: 10ms
                    check: { ping: "<5s", messages: 2, "json.type": message, completed: true }
            """);

        var result = await new Engine().RunAsync(plan);

        result.Checks.Count.ShouldBe(4);
        result.Checks.Where(c => c.Fails > 0).ShouldBeEmpty();
        result.Metric("ws_ping")!.Values.Count.ShouldBe(1);
    }

    [Fact]
    public async Task RunAsync_ReceiveTimesOut_IsNotCompletedAndSaysWhy()
    {
        var plan = target.Load("""
            name: t
            baseUrl: BASE
            scenarios:
              a:
                executor: per-vu-iterations
                flow:
                  - ws: /ws
                    actions:
                      - receive: { timeout: 100ms }
                    check: { completed: false, error: first_message_timeout, messages: 0 }
            """);

        var result = await new Engine().RunAsync(plan);

        result.Checks.Count.ShouldBe(3);
        result.Checks.Where(c => c.Fails > 0).ShouldBeEmpty();
    }
}
