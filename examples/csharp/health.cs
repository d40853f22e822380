#!/usr/bin/env -S dotnet run
#:project ../../src/Stampede.Cli/Stampede.Cli.csproj
// A load test as a single-file C# program: `dotnet run examples/csharp/health.cs -- --vus 20 --duration 30s`.
// It honours the same options as `stampede run` and returns k6's exit codes (99 when a threshold fails).
// Point it at a target with -e BASE_URL=http://127.0.0.1:5000 (for instance `stampede target --port 5000`).
using Stampede;
using Stampede.Plans;

var plan = TestPlan.Create("api-health")
    .BaseUrl(Environment.GetEnvironmentVariable("BASE_URL") ?? "http://127.0.0.1:5000")
    .Scenario("health", s => s
        .RampingVus(stages: [("10s", 10), ("20s", 10), ("10s", 0)])
        .Iteration(async vu =>
        {
            var res = await vu.Http.GetAsync("/api/health");
            vu.Check(res, "status is 200", r => r.Status == 200);
            await vu.SleepAsync(TimeSpan.FromMilliseconds(500));
        }))
    .Threshold("http_req_duration", "p(95)<500", "p(99)<1500")
    .Threshold("http_req_failed", "rate<0.01");

var result = await plan.RunAsync(args);
return result.ExitCode;
