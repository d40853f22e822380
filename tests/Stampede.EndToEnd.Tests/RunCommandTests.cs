using Shouldly;
using Stampede.Cli;
using Stampede.Metrics;
using Stampede.Plans;
using Xunit;

namespace Stampede.EndToEnd.Tests;

public sealed class RunCommandTests : IAsyncLifetime
{
    private TargetServer _target = null!;
    private readonly string _folder = Directory.CreateTempSubdirectory("stampede-e2e-").FullName;

    public async ValueTask InitializeAsync() => _target = await TargetServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _target.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Run_QuickUrlTest_PassesAndWritesTheJsonResult()
    {
        var host = new TestConsoleHost();
        var json = Path.Combine(_folder, "quick.json");

        var code = await StampedeCli.RunAsync(
            ["run", "--url", _target.Url("ok"), "--vus", "3", "--iterations", "60", "--threshold", "http_req_duration:p(95)<2000", "--out", $"json={json}"], host);

        code.ShouldBe(ExitCodes.Ok, host.ErrorText.ToString());
        _target.Requests.ShouldBe(60);
        var result = RunResultJson.Deserialize(await File.ReadAllTextAsync(json));
        result.Metric("http_reqs")!.Values.Count.ShouldBe(60);
        result.Thresholds.Single().Outcome.ShouldBe("passed");
        var summary = host.OutText.ToString();
        summary.ShouldContain("http_req_duration");
        summary.ShouldContain("✓ 'p(95)<2000'");
    }

    [Fact]
    public async Task Run_FailingThreshold_Exits99()
    {
        var host = new TestConsoleHost();

        var code = await StampedeCli.RunAsync(
            ["run", "--url", _target.Url("status/503"), "--iterations", "20", "--threshold", "http_req_failed:rate<0.01", "--quiet"], host);

        code.ShouldBe(ExitCodes.ThresholdsFailed);
        var summary = host.OutText.ToString();
        summary.ShouldContain("✗ 'rate<0.01'");
        summary.ShouldContain($"20× GET {_target.Url("status/503")} → status 503 (error 1503)");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("queue")]
    [InlineData("drop")]
    public async Task Run_QuickRateTestWithTooFewVus_QueuesUnlessToldToDrop(string? overflow)
    {
        // 40 arrivals in a second into a target taking 100 ms, served by 2 VUs: only ~20 fit in the second.
        var host = new TestConsoleHost();
        var json = Path.Combine(_folder, $"rate-{overflow}.json");
        string[] args = ["run", "--url", _target.Url("slow/100"), "--rate", "40", "--vus", "2", "--duration", "1s", "--quiet", "--no-history", "--out", $"json={json}"];

        var code = await StampedeCli.RunAsync(overflow is null ? args : [.. args, "--overflow", overflow], host);

        code.ShouldBe(ExitCodes.Ok, host.ErrorText.ToString());
        var scenario = RunResultJson.Deserialize(await File.ReadAllTextAsync(json)).Scenarios.Single();
        var summary = host.OutText.ToString();
        if (overflow == "drop")
        {
            scenario.DroppedIterations.ShouldBeGreaterThanOrEqualTo(10);
            summary.ShouldContain($"Warning: {scenario.DroppedIterations} of 40 arrivals (");
            summary.ShouldContain("The latency percentiles exclude them");
        }
        else
        {
            scenario.DroppedIterations.ShouldBe(0);
            scenario.Iterations.ShouldBe(40);
            summary.ShouldNotContain("arrivals dropped");
        }
    }

    [Fact]
    public async Task Run_PlanIsADirectory_Exits2SayingItIsADirectory()
    {
        var host = new TestConsoleHost();

        var code = await StampedeCli.RunAsync(["run", _folder], host);

        code.ShouldBe(ExitCodes.BadInput);
        var error = host.ErrorText.ToString();
        error.ShouldContain($"{_folder}: is a directory; expected a plan file (.yaml or .yml)");
        error.ShouldNotContain("denied");
        error.ShouldNotContain("   at ");
    }

    [Theory]
    [InlineData(new[] { "run", "--url", "http://127.0.0.1:1/", "--rate", "10", "--overflow", "sometimes" }, "expected queue or drop")]
    [InlineData(new[] { "run", "--url", "http://127.0.0.1:1/", "--vus", "many" }, "many")]
    [InlineData(new[] { "run", "--url", "http://127.0.0.1:1/", "--duration", "10parsecs" }, "unknown unit 'parsecs'")]
    [InlineData(new[] { "run", "--url", "http://127.0.0.1:1/", "--threshold", "http_req_duraton:p(95)<1" }, "did you mean 'http_req_duration'")]
    [InlineData(new[] { "run", "--url", "http://127.0.0.1:1/", "--threshold", "http_req_duration:p95<1" }, "expected an aggregation")]
    [InlineData(new[] { "run", "--url", "not a url" }, "expected an absolute http:// or https:// URL")]
    [InlineData(new[] { "run", "--url", "http://127.0.0.1:1/", "--out", "jsn=x.json" }, "did you mean 'json'")]
    [InlineData(new[] { "run", "--url", "http://127.0.0.1:1/", "--stage", "30s" }, "DURATION:TARGET")]
    [InlineData(new[] { "run" }, "give a plan file")]
    [InlineData(new[] { "frobnicate" }, "frobnicate")]
    public async Task Run_BadInput_Exits2WithAClearMessageAndNoStackTrace(string[] args, string message)
    {
        var host = new TestConsoleHost();

        var code = await StampedeCli.RunAsync(args, host);

        code.ShouldBe(ExitCodes.BadInput);
        var error = host.ErrorText.ToString();
        error.ShouldContain(message);
        error.ShouldNotContain("   at ");
        error.ShouldContain("nothing was run");
    }

    [Fact]
    public async Task Run_InterruptedBySignal_StillWritesSummaryAndResult()
    {
        var host = new TestConsoleHost();
        var json = Path.Combine(_folder, "interrupted.json");

        var run = StampedeCli.RunAsync(["run", "--url", _target.Url("slow/20"), "--vus", "2", "--duration", "60s", "--quiet", "--out", $"json={json}"], host);
        await WaitUntilAsync(() => _target.Requests >= 20);
        host.RaiseSignal();
        var code = await run.WaitAsync(TimeSpan.FromSeconds(30));

        code.ShouldBe(ExitCodes.Failure);
        var result = RunResultJson.Deserialize(await File.ReadAllTextAsync(json));
        result.Meta.StopReason.ShouldBe("interrupted (SIGINT)");
        result.Metric("http_reqs")!.Values.Count!.Value.ShouldBeGreaterThanOrEqualTo(20);
        host.OutText.ToString().ShouldContain("Run stopped early: interrupted (SIGINT)");
    }

    [Fact]
    public async Task RunAsync_CSharpPlan_HonoursTheCommandLineOptions()
    {
        var host = new TestConsoleHost();
        var json = Path.Combine(_folder, "csharp.json");
        var seen = new System.Collections.Concurrent.ConcurrentBag<string>();
        var plan = TestPlan.Create("csharp")
            .BaseUrl(_target.BaseAddress.ToString())
            .Scenario("health", s => s.ConstantVus(1, "1m").Iteration(async vu =>
            {
                seen.Add(vu.Env["GREETING"]);
                var res = await vu.Http.GetAsync("ok");
                vu.Check(res, "status is 200", r => r.Status == 200);
            }))
            .Threshold("checks", "rate==1");

        var outcome = await TestPlanRunExtensions.RunAsync(plan, ["--vus", "2", "--iterations", "15", "-e", "GREETING=hello", "--out", $"json={json}", "--no-color"], host);

        outcome.ExitCode.ShouldBe(ExitCodes.Ok, host.ErrorText.ToString());
        outcome.Passed.ShouldBeTrue();
        outcome.Result!.Checks.Single().Passes.ShouldBe(15);
        seen.Count.ShouldBe(15);
        seen.ShouldAllBe(g => g == "hello");
        File.Exists(json).ShouldBeTrue();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "condition not met in time");
            await Task.Delay(20);
        }
    }
}
