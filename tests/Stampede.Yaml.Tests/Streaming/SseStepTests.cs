using Stampede.Execution;
using Stampede.Metrics;

namespace Stampede.Yaml.Tests.Streaming;

public sealed class SseStepTests(DemoTargetFixture target) : IClassFixture<DemoTargetFixture>
{
    [Fact]
    public async Task RunAsync_ChatStream_ChecksPassAndCaptureFeedsTheNextStep()
    {
        var plan = target.Load("""
            name: t
            baseUrl: BASE
            scenarios:
              a:
                executor: per-vu-iterations
                flow:
                  - sse: /api/chat
                    json: { message: "{{ question }}" }
                    check: { status: 200, events: ">1", event: "contains token", terminal: true, firstEvent: "<5s", error: "!exists", type: done }
                    capture: { conversationId: json.conversationId, last: data }
                  - sse: /api/chat
                    name: follow-up
                    json: { message: "more", conversationId: "{{ conversationId }}" }
                    check: { "json.turn": 2, "json.conversationId": exists }
            """);

        var result = await new Engine().RunAsync(plan);

        result.Checks.Count.ShouldBe(9);
        result.Checks.Where(c => c.Fails > 0 || c.Passes != 1).ShouldBeEmpty();
        result.Checks.Select(c => c.Name).ShouldContain("SSE /api/chat events >1");
        result.Metric("sse_streams")!.Values.Count.ShouldBe(2);
        result.Metric("sse_time_to_first_event")!.Values.Count.ShouldBe(2);
    }

    [Fact]
    public async Task RunAsync_UntilAnEventType_StopsThereAndCountsItTerminal()
    {
        var plan = target.Load("""
            name: t
            baseUrl: BASE
            scenarios:
              a:
                executor: per-vu-iterations
                flow:
                  - sse: /api/chat
                    method: post
                    json: { message: hello }
                    until: token
                    check: { events: 1, terminal: true, type: token }
            """);

        var result = await new Engine().RunAsync(plan);

        result.Checks.Count.ShouldBe(3);
        result.Checks.Where(c => c.Fails > 0).ShouldBeEmpty();
    }

    [Fact]
    public async Task RunAsync_NotAnEventStream_FailsTheCheckWithTheErrorTag()
    {
        var plan = target.Load("""
            name: t
            baseUrl: BASE
            scenarios:
              a:
                executor: per-vu-iterations
                flow:
                  - sse: /api/health
                    check: { error: content_type, terminal: false }
            """);

        var result = await new Engine().RunAsync(plan);

        result.Checks.Count.ShouldBe(2);
        result.Checks.Where(c => c.Fails > 0).ShouldBeEmpty();
        result.Metric("sse_errors")!.Values.Count.ShouldBe(1);
    }
}
