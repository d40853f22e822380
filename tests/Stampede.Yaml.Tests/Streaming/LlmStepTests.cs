using Stampede.Execution;

namespace Stampede.Yaml.Tests.Streaming;

public sealed class LlmStepTests(DemoTargetFixture target) : IClassFixture<DemoTargetFixture>
{
    [Fact]
    public async Task RunAsync_OpenAiConversation_SendsEveryTurnAndRecordsLlmMetrics()
    {
        var plan = target.Load("""
            name: t
            baseUrl: BASE
            scenarios:
              a:
                executor: per-vu-iterations
                flow:
                  - llm: /v1/chat/completions
                    apiKey: "KEY"
                    model: demo-mini
                    tenant: "team-{{ vu.id }}"
                    prompt: "Question {{ repeat.index }}: {{ question }}"
                    conversation: { turns: 3 }
                    slo: "ttft<5s"
                    check: { ok: true, good: true, outputTokens: ">0", ttft: "<5s", text: "matches \\w", cost: ">0" }
                    capture: { answer: text, turns: turns }
                  - if: "{{ turns }} == 3"
                    steps: [ { get: /api/health, check: { status: 200 } } ]
            """);

        var result = await new Engine().RunAsync(plan);

        result.Checks.Where(c => c.Fails > 0).ShouldBeEmpty();
        result.Checks.Single(c => c.Name == "LLM /v1/chat/completions ok is true").Passes.ShouldBe(3);
        result.Checks.Single(c => c.Name.StartsWith("GET", StringComparison.Ordinal)).Passes.ShouldBe(1);
        result.Metric("llm_requests")!.Values.Count.ShouldBe(3);
        result.Metric("llm_goodput")!.Values.Rate.ShouldBe(1);
        result.Metric("llm_cost")!.Values.Count!.Value.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task RunAsync_DemoFormatOverSseAndWebSocket_ReadsTheAnswer()
    {
        var plan = target.Load("""
            name: t
            baseUrl: BASE
            scenarios:
              a:
                executor: per-vu-iterations
                flow:
                  - llm: /api/chat
                    format: demo
                    messages: [ { role: user, content: "{{ question }}" } ]
                    check: { ok: true, outputTokens: ">0", chunks: ">0" }
                  - llm: /api/chat
                    format: demo
                    transport: ws
                    name: chat-ws
                    prompt: hello
                    check: { ok: true, outputTokens: ">0", status: 101 }
            """);

        var result = await new Engine().RunAsync(plan);

        result.Checks.Count.ShouldBe(6);
        result.Checks.Where(c => c.Fails > 0).ShouldBeEmpty();
        result.Metric("ws_sessions")!.Values.Count.ShouldBe(1);
    }

    [Fact]
    public async Task RunAsync_CustomFormat_FindsTextAndUsageByPath()
    {
        var plan = target.Load("""
            name: t
            baseUrl: BASE
            scenarios:
              a:
                executor: per-vu-iterations
                flow:
                  - llm: /v1/chat/completions
                    apiKey: "KEY"
                    format: { text: "choices[0].delta.content", end: "[DONE]", finishReason: "choices[0].finish_reason", usage: { input: usage.prompt_tokens, output: usage.completion_tokens } }
                    prompt: hi
                    check: { ok: true, inputTokens: ">0", finishReason: stop }
            """);

        var result = await new Engine().RunAsync(plan);

        result.Checks.Count.ShouldBe(3);
        result.Checks.Where(c => c.Fails > 0).ShouldBeEmpty();
    }

    [Fact]
    public async Task RunAsync_WrongKey_FailsWithTheStatusError()
    {
        var plan = target.Load("""
            name: t
            baseUrl: BASE
            scenarios:
              a:
                executor: per-vu-iterations
                flow:
                  - llm: /v1/chat/completions
                    headers: { Authorization: "Bearer sk-wrong" }
                    prompt: hi
                    check: { ok: false, status: 401, error: status, errorMessage: "contains invalid_api_key" }
            """);

        var result = await new Engine().RunAsync(plan);

        result.Checks.Count.ShouldBe(4);
        result.Checks.Where(c => c.Fails > 0).ShouldBeEmpty();
        result.Metric("llm_goodput")!.Values.Rate.ShouldBe(0);
    }

    [Fact]
    public async Task RunAsync_TopLevelCostLimitPassed_StopsTheRun()
    {
        var plan = target.Load("""
            name: t
            baseUrl: BASE
            llm: { costLimit: 0.000001 }
            scenarios:
              a:
                executor: shared-iterations
                vus: 1
                iterations: 100
                maxDuration: 30s
                flow:
                  - llm: /v1/chat/completions
                    apiKey: "KEY"
                    prompt: "{{ question }}"
            """);

        var result = await new Engine().RunAsync(plan);

        result.Meta.StopReason.ShouldNotBeNull().ShouldContain("cost limit");
        result.Metric("llm_requests")!.Values.Count!.Value.ShouldBeLessThan(5);
    }
}
