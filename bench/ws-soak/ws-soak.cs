#!/usr/bin/env -S dotnet run
#:project ../../src/Stampede.Cli/Stampede.Cli.csproj
// 1,000 VUs streaming chat over WebSocket against the demo target (bench/ws-soak.sh starts it and sets BASE_URL).
// Each VU keeps one session and asks a question every ~2 s; the answer streams back token by token.
using Stampede;
using Stampede.Plans;

var vus = int.Parse(Environment.GetEnvironmentVariable("VUS") ?? "1000");
var duration = Environment.GetEnvironmentVariable("DURATION") ?? "60s";
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
    .Threshold("ws_time_to_first_message", "p(95)<2000");

var result = await plan.RunAsync(args);
return result.ExitCode;
