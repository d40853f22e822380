using System.Text.Json;
using Stampede.Protocols.Llm;
using Stampede.Yaml.Flows;

namespace Stampede.Yaml.Tests.Streaming;

public sealed class StreamStepReaderTests
{
    private static PlanLoadResult Load(string flow, string extra = "") => YamlPlanLoader.LoadText($"""
        name: t
        baseUrl: http://127.0.0.1:1
        {extra}
        scenarios:
          a:
            flow:
        {flow}
        """, "t.yaml", ".");

    private static IFlowStep FirstStep(PlanLoadResult result)
    {
        result.Errors.ShouldBeEmpty();
        var iteration = result.Plan!.Scenarios[0].Iteration;
        iteration.Target.ShouldNotBeNull();
        var flow = (Flow)iteration.Target.GetType().GetFields().Single(f => f.FieldType == typeof(Flow)).GetValue(iteration.Target)!;
        return flow.Steps[0];
    }

    [Fact]
    public void Step_SseWithJson_PostsAndKeepsItsTimeouts()
    {
        var step = FirstStep(Load("""
                  - sse: /api/chat
                    json: { message: hi }
                    timeout: 2s
                    firstEventTimeout: 3s
                    idleTimeout: 4s
                    until: "[DONE]"
            """)).ShouldBeOfType<SseStep>();

        step.Method.ShouldBe(HttpMethod.Post);
        (step.Timeout, step.FirstEventTimeout, step.IdleTimeout).ShouldBe((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4)));
        step.Until.ShouldBe("[DONE]");
    }

    [Fact]
    public void Step_WsSendThenReceive_JoinsThemIntoOneExchange()
    {
        var step = FirstStep(Load("""
                  - ws: /api/chat
                    actions: [ { send: hi }, { receive: end }, ping, { think: 1s }, close ]
            """)).ShouldBeOfType<WsStep>();

        step.Actions.Select(a => a.GetType().Name).ShouldBe(["WsExchange", "WsPingAction", "WsThink", "WsClose"]);
    }

    [Fact]
    public void Step_LlmWithSettings_BuildsTheOptions()
    {
        var step = FirstStep(Load("""
                  - llm: /v1/messages
                    format: anthropic
                    model: claude
                    apiKey: sk-x
                    prompt: hi
                    maxTokens: 32
                    slo: "ttft<1s, tpot<50ms"
                    prices: { claude: { input: 3, output: 15 } }
            """, "llm: { costLimit: 2.5 }")).ShouldBeOfType<LlmStep>();

        step.Options.Format.ShouldBe(LlmStreamFormat.Anthropic);
        step.Options.Slo.ShouldBe(new LlmSlo { Ttft = TimeSpan.FromSeconds(1), Tpot = TimeSpan.FromMilliseconds(50) });
        step.Options.Prices.ShouldBe([new LlmPrice("claude", 3m, 15m)]);
        step.Options.CostLimitUsd.ShouldBe(2.5m);
        step.ApiKey.ShouldBeNull();
        step.Headers.Single().Key.ShouldBe("x-api-key");
        step.Options.Body!([new LlmMessage("user", "hi")], step.Options).ShouldContain("\"max_tokens\":32");
    }

    [Fact]
    public void Step_LlmWithOnlyAPrompt_KeepsTheOptionsRecordsDefaults()
    {
        var defaults = new LlmOptions();

        var options = FirstStep(Load("      - llm:\n        prompt: hi")).ShouldBeOfType<LlmStep>().Options;

        options.Url.ShouldBe(defaults.Url);
        options.Model.ShouldBe(defaults.Model);
        options.Format.ShouldBe(defaults.Format);
        options.Prices.ShouldBe(defaults.Prices);
        options.Tokenizer.ShouldBe(defaults.Tokenizer);
        options.ConnectTimeout.ShouldBe(defaults.ConnectTimeout);
        options.FirstTokenTimeout.ShouldBe(defaults.FirstTokenTimeout);
        options.IdleTimeout.ShouldBe(defaults.IdleTimeout);
        options.Body.ShouldBeNull();
    }

    [Fact]
    public void Step_LlmAnthropic_UsesTheLibrarysAnthropicBody()
    {
        var step = FirstStep(Load("""
                  - llm: /v1/messages
                    format: anthropic
                    model: claude
                    prompt: hi
            """)).ShouldBeOfType<LlmStep>();

        step.Options.Body.ShouldBeSameAs(LlmRequestBodies.Anthropic);
    }

    [Fact]
    public void Step_LlmDemo_BodyIsTheLastUserMessage()
    {
        var step = FirstStep(Load("""
                  - llm: /api/chat
                    format: demo
                    prompt: hi
            """)).ShouldBeOfType<LlmStep>();

        step.Options.Body!([new("user", "a"), new("user", "b \"c\"")], step.Options).ShouldBe(JsonSerializer.Serialize(new { message = "b \"c\"" }));
    }

    [Theory]
    [InlineData(null, LlmTokenizer.Auto)]
    [InlineData("cl100k", LlmTokenizer.Cl100k)]
    [InlineData("o200k", LlmTokenizer.O200k)]
    [InlineData("none", LlmTokenizer.None)]
    public void Step_LlmTokenizer_ChoosesHowTokensAreCounted(string? tokenizer, LlmTokenizer expected)
    {
        var step = FirstStep(Load($$"""
                  - llm: /v1/chat/completions
                    prompt: hi
                    {{(tokenizer is null ? "" : "tokenizer: " + tokenizer)}}
            """)).ShouldBeOfType<LlmStep>();

        step.Options.Tokenizer.ShouldBe(expected);
    }

    [Fact]
    public void Step_LlmOverWebSocketInDemoFormat_UsesTheWebSocketPreset()
    {
        var step = FirstStep(Load("""
                  - llm: /api/chat
                    format: demo
                    transport: ws
                    prompt: hi
            """)).ShouldBeOfType<LlmStep>();

        step.Options.Transport.ShouldBe(LlmTransport.WebSocket);
        step.Options.Format.ShouldBe(LlmStreamFormat.DemoChatWebSocket);
    }

    [Fact]
    public void Load_ThresholdsOnStreamingMetrics_AreAccepted()
    {
        var result = Load("      - sse: /s", """
            thresholds:
              llm_ttft: [ "p(95)<1000" ]
              llm_goodput: [ "rate>0.9" ]
              sse_time_to_first_event: [ "p(95)<500" ]
              ws_time_to_first_message: [ "p(95)<500" ]
              "llm_cost{tenant:a}": [ "count<5" ]
            """);

        result.Errors.ShouldBeEmpty();
        result.Plan!.Thresholds.Count.ShouldBe(5);
    }

    [Theory]
    [InlineData("- sse: /s\n  check: { evnts: 1 }", "unknown sse value 'evnts'", "did you mean 'events'")]
    [InlineData("- sse: /s\n  until: \"\"", "expected an end marker", "found nothing")]
    [InlineData("- ws: /s\n  actions: [ { sned: x } ]", "unknown key 'sned'", "did you mean 'send'")]
    [InlineData("- ws: /s\n  actions: [ close, ping ]", "nothing can follow close", "")]
    [InlineData("- ws: /s\n  actions: [ { receive: { until: end, count: 2 } } ]", "not both", "")]
    [InlineData("- llm: /c\n  prompt: hi\n  slo: \"ttft<1s, tpo<5ms\"", "bad SLO", "'tpo' is not one of ttft, tpot, e2e")]
    [InlineData("- llm: /c", "needs prompt:", "")]
    [InlineData("- llm: /c\n  messages: [ { role: user, content: a } ]\n  conversation: { turns: 2 }", "a conversation sends prompt:", "")]
    [InlineData("- llm: /c\n  prompt: hi\n  format: openia", "expected one of openai, anthropic, demo", "did you mean 'openai'")]
    [InlineData("- llm: /c\n  prompt: hi\n  format: { end: x }", "a custom format needs text:", "")]
    [InlineData("- llm: /c\n  prompt: hi\n  capture: { a: json.x }", "unknown llm value 'json.x'", "")]
    [InlineData("- llm: /c\n  prompt: \"{{ questoin }}\"", "unknown name 'questoin'", "did you mean 'question'")]
    [InlineData("- llm: /c\n  prompt: hi\n  idleTimeout: 0s", "greater than 0", "")]
    [InlineData("- llm: /c\n  prompt: hi\n  tokenizer: o100k", "expected one of auto, cl100k, o200k, none", "")]
    public void Load_MalformedStreamingStep_ReportsTheProblem(string step, string fragment, string more)
    {
        var flow = string.Join("\n", step.Split('\n').Select(line => "      " + line));

        var result = Load(flow);

        result.Errors.Count.ShouldBe(1, string.Join("\n", result.Errors));
        result.Errors[0].Message.ShouldContain(fragment);
        result.Errors[0].Message.ShouldContain(more);
        result.Errors[0].Location.ShouldNotBeNull();
    }
}
