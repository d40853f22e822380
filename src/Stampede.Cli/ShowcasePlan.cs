using Stampede.Plans;
using Stampede.Protocols.Http;

namespace Stampede.Cli;

/// <summary>
/// The plan <c>stampede demo</c> runs against the demo target: a REST mix (health, missions CRUD, specs), and an
/// OpenAI-compatible completion, side by side, with k6-style thresholds. About 30 seconds.
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
                        var created = await vu.Http.PostAsync("/api/missions", HttpBody.Json(new { name = $"mission {vu.Id}-{vu.Iteration}", prompt = "survey the perimeter", backend = "mock" }));
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
                        Body = HttpBody.Json(new { model = "demo-small", messages = new[] { new { role = "user", content = "What is a load test?" } } }),
                        Name = "/v1/chat/completions",
                    });
                    vu.Check(completion, "completion is 200", r => r.Status == 200);
                    await vu.SleepAsync(TimeSpan.FromMilliseconds(250));
                }))
            .Threshold("http_req_duration", "p(95)<500")
            .Threshold("http_req_failed", "rate<0.01")
            .Threshold("checks", "rate>0.99")
            .Threshold("http_req_duration{scenario:health}", "p(95)<250")
            .Build();
    }
}
