#!/usr/bin/env -S dotnet run
#:project ../../src/Stampede.Cli/Stampede.Cli.csproj
// The WebSocket soak (bench/ws-soak.sh starts the demo target and sets BASE_URL, VUS, DURATION): VUS virtual users
// (default 1,000) each keep one chat session and ask a question every ~2 s, the answer streaming back token by token;
// meanwhile a second scenario polls the target's /metrics once a second with vu.Http, as a dashboard would.
using Stampede;
using Stampede.Plans;

var vus = int.Parse(Environment.GetEnvironmentVariable("VUS") ?? "1000");
var duration = Environment.GetEnvironmentVariable("DURATION") ?? "300s";
var plan = TestPlan.Create("ws-soak")
    .BaseUrl(Environment.GetEnvironmentVariable("BASE_URL") ?? "http://127.0.0.1:5000")
    .Scenario("ws-chat", s => s
        .ConstantVus(vus, duration)
        .Iteration(async vu =>
        {
            vu.Vars.TryGetValue("session", out var kept);
            var session = kept as Stampede.Protocols.WebSockets.WsSession;
            if (session is not { State: System.Net.WebSockets.WebSocketState.Open })
            {
                session = await vu.Ws.ConnectAsync("/api/chat", name: "/api/chat");
                if (session is null)
                {
                    await vu.SleepAsync(1);
                    return;
                }

                vu.Vars["session"] = session;
            }

            var reply = await session.StreamAsync("{\"message\":\"what is a soak test?\"}",
                isEnd: m => m.Text.Contains("\"end\""), belongs: m => !m.Text.Contains("\"start\""),
                idleTimeout: TimeSpan.FromSeconds(10));
            vu.Check(reply, "answer complete", r => r.Completed);
            await vu.SleepAsync(TimeSpan.FromMilliseconds(1500 + vu.Random.Next(1000)));
        }))
    .Scenario("target-metrics", s => s
        .ConstantArrivalRate(rate: 1, duration: duration, preAllocatedVus: 2, maxVus: 4)
        .Iteration(async vu =>
        {
            var metrics = await vu.Http.GetAsync("/metrics", name: "/metrics");
            vu.Check(metrics, "target metrics scraped", r => r.Status == 200 && r.Body.Contains("demo_websocket_sessions"));
        }))
    .Threshold("ws_time_to_first_message", "p(95)<2000")
    .Threshold("checks{scenario:target-metrics}", "rate>0.99");

var result = await plan.RunAsync(args);
return result.ExitCode;
