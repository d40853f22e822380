using Stampede.Plans;
using Stampede.Protocols.Http;
using Stampede.Protocols.Llm;
using Stampede.Protocols.WebSockets;

namespace Stampede.Cli;

/// <summary>
/// The plan <c>stampede demo</c> runs against the demo target: a REST mix (health, missions CRUD, specs), an
/// OpenAI-compatible completion, and streamed chat over SSE, WebSocket and the LLM client, side by side, with
/// k6-style thresholds. About 30 seconds, with few enough VUs to pass on a busy 2-core machine.
/// </summary>
internal static class ShowcasePlan
{
    public static TestPlan Build(Uri target, string apiKey, TimeSpan duration)
    {
        var seconds = Math.Max(6, (int)duration.TotalSeconds);
        var whole = $"{seconds}s";
        var ramp = $"{Math.Max(1, seconds / 6)}s";
        var hold = $"{seconds - 2 * Math.Max(1, seconds / 6)}s";
        return TestPlan.Create("showcase")
            .BaseUrl(target.ToString())
            .Scenario("health", s => s
                .ConstantArrivalRate(rate: 20, duration: whole, preAllocatedVus: 5, maxVus: 20)
                .Iteration(async vu =>
                {
                    var res = await vu.Http.GetAsync("/api/health");
                    vu.Check(res, "health is 200", r => r.Status == 200);
                }))
            .Scenario("missions", s => s
                .RampingVus(stages: [(ramp, 10), (hold, 10), (ramp, 0)], gracefulRampDown: "5s")
                .Iteration(async vu =>
                {
                    await vu.Group("Mission CRUD", async () =>
                    {
                        var created = await vu.Http.PostAsync("/api/missions", HttpBody.Json(new ShowcaseBodies.NewMission($"mission {vu.Id}-{vu.Iteration}", "survey the perimeter", "mock"), ShowcaseBodies.Json.NewMission));
                        if (!vu.Check(created, "created is 201", r => r.Status == 201))
                        {
                            return;
                        }

                        var id = created.Json().GetProperty("id").ToString();
                        var read = await vu.Http.GetAsync($"/api/missions/{id}", name: "/api/missions/{id}");
                        vu.Check(read, "read is 200", r => r.Status == 200);
                        var deleted = await vu.Http.DeleteAsync($"/api/missions/{id}", name: "/api/missions/{id}");
                        vu.Check(deleted, "deleted", r => r.Status is 200 or 204);
                    });
                    await vu.SleepAsync(TimeSpan.FromMilliseconds(200 + vu.Random.Next(300)));
                }))
            .Scenario("specs", s => s
                .ConstantVus(5, whole)
                .Iteration(async vu =>
                {
                    var spec = await vu.Http.GetAsync($"/api/specs/spec-{1 + vu.Random.Next(100)}", name: "/api/specs/{id}");
                    vu.Check(spec, "spec found", r => r.Status == 200);
                    var search = await vu.Http.GetAsync("/api/specs/search?q=load", name: "/api/specs/search");
                    vu.Check(search, "search is 200", r => r.Status == 200);
                    await vu.SleepAsync(TimeSpan.FromMilliseconds(100));
                }))
            .Scenario("llm", s => s
                .ConstantVus(2, whole)
                .Iteration(async vu =>
                {
                    var completion = await vu.Http.SendAsync(new HttpRequestSpec(HttpMethod.Post, "/v1/chat/completions")
                    {
                        Headers = [new("Authorization", $"Bearer {apiKey}")],
                        Body = HttpBody.Json(new ShowcaseBodies.Completion("demo-mini", [new("user", "What is a load test?")]), ShowcaseBodies.Json.Completion),
                        Name = "/v1/chat/completions",
                    });
                    vu.Check(completion, "completion is 200", r => r.Status == 200);
                    await vu.SleepAsync(TimeSpan.FromMilliseconds(250));
                }))
            .Scenario("chat-sse", s => s
                .ConstantVus(3, whole)
                .Iteration(async vu =>
                {
                    var chat = await vu.Sse.PostAsync("/api/chat", HttpBody.Json(new ShowcaseBodies.ChatMessage("How do I read a latency histogram?"), ShowcaseBodies.Json.ChatMessage), name: "/api/chat");
                    vu.Check(chat, "chat streamed to done", r => r.TerminalSeen && r.Error == Protocols.Sse.SseErrorKind.None);
                    await vu.SleepAsync(TimeSpan.FromMilliseconds(300));
                }))
            .Scenario("chat-ws", s => s
                .ConstantVus(3, whole)
                .Iteration(async vu =>
                {
                    // One session per VU, kept across iterations, as a chat page keeps its socket.
                    var session = vu.Vars.TryGetValue("chat-ws", out var kept) && kept is WsSession { State: System.Net.WebSockets.WebSocketState.Open } open
                        ? open
                        : await vu.Ws.ConnectAsync("/api/chat", name: "/api/chat (ws)");
                    if (!vu.Check(session, "chat socket open", s => s is not null))
                    {
                        await vu.SleepAsync(TimeSpan.FromMilliseconds(500));
                        return;
                    }

                    vu.Vars["chat-ws"] = session;
                    var reply = await session!.StreamAsync("""{"message":"What does a WebSocket soak test show?"}""",
                        isEnd: m => m.Text.Contains("\"type\":\"end\"", StringComparison.Ordinal),
                        belongs: m => !m.Text.Contains("\"type\":\"start\"", StringComparison.Ordinal),
                        firstMessageTimeout: TimeSpan.FromSeconds(5), idleTimeout: TimeSpan.FromSeconds(5));
                    vu.Check(reply, "ws chat streamed to end", r => r.Completed && r.Messages.Count > 1);
                    await vu.SleepAsync(TimeSpan.FromMilliseconds(300));
                }))
            .Scenario("llm-stream", s => s
                .ConstantArrivalRate(rate: 4, duration: whole, preAllocatedVus: 4, maxVus: 16)
                .Iteration(async vu =>
                {
                    var answer = await vu.Llm.ChatAsync(StreamingLlm(apiKey), LlmPrompts.Pick(Questions, vu.Random));
                    vu.Check(answer, "llm stream ok", r => r.Ok);
                }))
            .Threshold("llm_ttft", "p(95)<1000")
            .Threshold("llm_goodput", "rate>0.9")
            .Threshold("sse_time_to_first_event{scenario:chat-sse}", "p(95)<1000")
            .Threshold("ws_time_to_first_message{scenario:chat-ws}", "p(95)<1000")
            .Threshold("http_req_duration", "p(95)<500")
            .Threshold("http_req_failed", "rate<0.01")
            .Threshold("checks", "rate>0.99")
            .Threshold("http_req_duration{scenario:health}", "p(95)<250")
            .Build();
    }

    private static readonly string[] Questions =
    [
        "What is a load test?", "Why does p99 matter more than the average?", "What is coordinated omission?",
        "How many virtual users do I need?", "What is time to first token?",
    ];

    private static LlmOptions StreamingLlm(string apiKey) => new()
    {
        ApiKey = apiKey,
        Model = "demo-chat",
        Prices = LlmOptions.DemoPrices,   // the demo target bills demo-chat at $0.50/$1.50 per million tokens: llm_cost matches its accounting
        Name = "/v1/chat/completions (stream)",
        Tenant = "demo",
        Slo = LlmSlo.Parse("ttft<1s, tpot<100ms"),
        CostLimitUsd = 5m,
    };
}
