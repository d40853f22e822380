using Stampede.DemoTarget;
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

    [Fact]
    public async Task RunAsync_ReplyWithBelongs_TimesTheFirstTokenNotTheStartAcknowledgement()
    {
        // The demo target acknowledges at once ({"type":"start"}) and sends its first token 300 ms later.
        await using var slow = await DemoTargetServer.StartAsync(new DemoTargetOptions
        {
            Port = 0,
            TimeToFirstTokenMean = TimeSpan.FromMilliseconds(300),
            TimeToFirstTokenStdDev = TimeSpan.Zero,
            InterTokenDelayMean = TimeSpan.FromMilliseconds(2),
            InterTokenDelayStdDev = TimeSpan.Zero,
            AnswerTokensMean = 3,
            AnswerTokensStdDev = 0,
        });
        const string Plan = """
            name: t
            baseUrl: BASE
            scenarios:
              a:
                executor: per-vu-iterations
                iterations: 2
                flow:
                  - ws: /api/chat
                    actions:
                      - send: { message: hello }
                      - receive: { until: end, timeout: 5s BELONGS }
                    check: { completed: true }
            """;
        var text = Plan.Replace("BASE", slow.BaseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal);

        var with = await new Engine().RunAsync(Load(text.Replace("BELONGS", """, belongs: { "json.type": [token, end] }""", StringComparison.Ordinal)));
        var without = await new Engine().RunAsync(Load(text.Replace("BELONGS", "", StringComparison.Ordinal)));

        with.Checks.Where(c => c.Fails > 0).ShouldBeEmpty();
        with.Metric("ws_time_to_first_message")!.Values.Count.ShouldBe(2);
        with.Metric("ws_time_to_first_message")!.Values.Min!.Value.ShouldBeGreaterThanOrEqualTo(290);
        without.Metric("ws_time_to_first_message")!.Values.Min!.Value.ShouldBeLessThan(290);
    }

    [Fact]
    public async Task RunAsync_ReceiveWithBelongs_SkipsOtherMessagesInCountsAndChecks()
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
                      - send: { message: hello }
                      - receive: { until: end, timeout: 5s, belongs: { "json.type": { "!=": start } } }
                    check: { message: "!contains start", "json.type": end }
            """);

        var result = await new Engine().RunAsync(plan);

        result.Checks.Count.ShouldBe(2);
        result.Checks.Where(c => c.Fails > 0 || c.Passes != 1).ShouldBeEmpty();
    }

    [Fact]
    public async Task RunAsync_ListenWithIntervalSend_CountsChecksAndCapturesEveryMessage()
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
                      - send: { type: subscribe, channel: news }
                      - { send: { type: ping }, every: 100ms }
                      - listen:
                          duration: 700ms
                          check: { "json.type": [subscribed, message, pong] }
                          capture: { "types[]": json.type }
                    check: { completed: true, messages: ">5" }
                  - if: "{{ types[0] }} == subscribed"
                    steps: [ { get: /api/health, check: { status: 200 } } ]
            """);

        var result = await new Engine().RunAsync(plan);

        var perMessage = result.Checks.Single(c => c.Name.StartsWith("WS message", StringComparison.Ordinal));
        perMessage.Fails.ShouldBe(0);
        perMessage.Passes.ShouldBeGreaterThan(5);
        result.Checks.Where(c => c.Fails > 0).ShouldBeEmpty();
        result.Checks.ShouldContain(c => c.Name.Contains("status", StringComparison.Ordinal) && c.Passes == 1);
        // the subscribe, then a ping every 100 ms of the 700 ms listen
        result.Metric("ws_msgs_sent")!.Values.Count!.Value.ShouldBeGreaterThanOrEqualTo(4);
        result.Metric("ws_msgs_received")!.Values.Count!.Value.ShouldBeGreaterThanOrEqualTo(perMessage.Passes);
    }

    [Fact]
    public async Task RunAsync_StatusCheck_ReadsTheUpgradeStatus()
    {
        var plan = target.Load("""
            name: t
            baseUrl: BASE
            scenarios:
              a:
                executor: per-vu-iterations
                flow:
                  - ws: /api/chat
                    check: { status: 101, connected: true }
                  - ws: /api/health
                    name: not a socket
                    check: { connected: false, status: "!= 101" }
            """);

        var result = await new Engine().RunAsync(plan);

        result.Checks.Count.ShouldBe(4);
        result.Checks.Where(c => c.Fails > 0 || c.Passes != 1).ShouldBeEmpty();
    }

    private static Plans.TestPlan Load(string yaml)
    {
        var result = YamlPlanLoader.LoadText(yaml, "t.yaml", ".");
        result.Errors.ShouldBeEmpty();
        return result.Plan!;
    }
}
