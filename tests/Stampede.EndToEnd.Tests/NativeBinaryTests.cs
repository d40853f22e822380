using Shouldly;
using Stampede.Cli;
using Stampede.Metrics;
using Xunit;

namespace Stampede.EndToEnd.Tests;

/// <summary>
/// The native (NativeAOT) `stampede` executable that deploy/publish-native.sh makes and the benchmarks measure.
/// Trimming and AOT break reflection at run time, not at build time, so the shipped form is run end to end here.
/// test.sh publishes it and names it in STAMPEDE_NATIVE; without that variable these tests are skipped.
/// </summary>
[Collection(nameof(SerialCollection))]
public sealed class NativeBinaryTests : IAsyncLifetime
{
    private static readonly string? Binary = Environment.GetEnvironmentVariable("STAMPEDE_NATIVE");

    private TargetServer _target = null!;
    private readonly string _folder = Directory.CreateTempSubdirectory("stampede-native-").FullName;

    public async ValueTask InitializeAsync() => _target = await TargetServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _target.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Demo_ShortRun_PassesItsThresholdsAndWritesEveryResultFile()
    {
        var (exit, stdout, stderr) = await RunAsync("demo", "--duration", "6s", "--no-history", "--out-dir", Path.Combine(_folder, "results"));

        exit.ShouldBe(ExitCodes.Ok, stdout + stderr);
        stderr.ShouldNotContain("   at ");
        var files = Directory.GetFiles(Path.Combine(_folder, "results"));
        files.ShouldContain(f => f.EndsWith(".html", StringComparison.Ordinal));
        files.ShouldContain(f => f.EndsWith(".txt", StringComparison.Ordinal));
        var result = RunResultJson.Deserialize(await File.ReadAllTextAsync(files.Single(f => f.EndsWith(".json", StringComparison.Ordinal))));
        result.Metric("http_reqs")!.Values.Count!.Value.ShouldBeGreaterThan(0);
        result.Metric("http_req_failed")!.Values.Rate!.Value.ShouldBe(0);
        result.Metric("sse_events")!.Values.Count!.Value.ShouldBeGreaterThan(0);
        result.Metric("llm_ttft")!.Values.Count!.Value.ShouldBeGreaterThan(0);
        result.Metric("ws_msgs_received")!.Values.Count!.Value.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task RunUrl_CountsExactlyTheRequestsTheServerSaw_AndWritesEveryOutput()
    {
        var json = Path.Combine(_folder, "run.json");
        var junit = Path.Combine(_folder, "run.xml");
        var html = Path.Combine(_folder, "run.html");
        var (exit, stdout, stderr) = await RunAsync(
            "run", "--url", _target.Url("ok"), "--vus", "3", "--iterations", "60", "--no-history",
            "--threshold", "http_req_failed:rate<0.01", "--out", $"json={json}", "--out", $"junit={junit}", "--out", $"html={html}");

        exit.ShouldBe(ExitCodes.Ok, stdout + stderr);
        _target.Requests.ShouldBe(60);
        var result = RunResultJson.Deserialize(await File.ReadAllTextAsync(json));
        result.Metric("http_reqs")!.Values.Count.ShouldBe(60);
        result.Metric("http_req_duration")!.Histogram.ShouldNotBeNullOrEmpty();
        (await File.ReadAllTextAsync(junit)).ShouldContain("<testsuite");
        (await File.ReadAllTextAsync(html)).ShouldContain("uPlot");
        stdout.ShouldContain("http_req_duration");
    }

    [Fact]
    public async Task Report_RebuildsTheHtmlFromAJsonResult()
    {
        var json = Path.Combine(_folder, "base.json");
        var html = Path.Combine(_folder, "report.html");
        (await RunAsync("run", "--url", _target.Url("ok"), "--vus", "2", "--iterations", "20", "--no-history", "--quiet", "--out", $"json={json}")).Exit.ShouldBe(ExitCodes.Ok);

        var (exit, stdout, stderr) = await RunAsync("report", json, "--output", html);

        exit.ShouldBe(ExitCodes.Ok, stdout + stderr);
        (await File.ReadAllTextAsync(html)).ShouldContain("http_req_duration");
    }

    [Fact]
    public async Task Validate_MalformedPlan_ExitsTwoWithTheLocationAndNoStackTrace()
    {
        var plan = Path.Combine(_folder, "bad.yaml");
        await File.WriteAllTextAsync(plan, "name: bad\nscenarios:\n  s:\n    executor: constant-vus\n    vus: many\n");

        var (exit, stdout, stderr) = await RunAsync("validate", plan);

        exit.ShouldBe(ExitCodes.BadInput, stdout + stderr);
        (stdout + stderr).ShouldContain("bad.yaml:5:");
        (stdout + stderr).ShouldNotContain("   at ");
    }

    [Fact]
    public async Task K6Script_UsersApiSuite_RunsInTheNativeExecutable()
    {
        var suite = UsersK6Suite.Folder();
        Assert.SkipWhen(suite is null, "the users' k6 suite (shared/k6/api-suite) is not beside this checkout");
        await using var demo = await DemoTarget.DemoTargetServer.StartAsync(new DemoTarget.DemoTargetOptions { Port = 0 });
        var export = Path.Combine(_folder, "missions.json");

        var (exit, stdout, stderr) = await RunAsync(
            "run", Path.Combine(suite!, "api-missions.js"), "--iterations", "3", "--vus", "1", "--no-history", "--quiet",
            "-e", $"BASE_URL={demo.BaseAddress.ToString().TrimEnd('/')}", "-e", "API_KEY=sk-test", "--summary-export", export);

        exit.ShouldBeOneOf([ExitCodes.Ok, ExitCodes.ThresholdsFailed], stdout + stderr);
        stderr.ShouldNotContain("   at ");
        var summary = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(export))!;
        summary["metrics"]!["missions_created"]!["count"]!.GetValue<double>().ShouldBe(3);
        summary["metrics"]!["errors"]!["value"]!.GetValue<double>().ShouldBe(0);
        stdout.ShouldContain("missions_created");
    }

    [Fact]
    public async Task K6Script_HandleSummaryAndSockets_RunInTheNativeExecutable()
    {
        await using var demo = await DemoTarget.DemoTargetServer.StartAsync(new DemoTarget.DemoTargetOptions { Port = 0 });
        var script = Path.Combine(AppContext.BaseDirectory, "k6-compat", "handle-summary.js");

        var (exit, stdout, stderr) = await RunAsync(
            "run", script, "--no-history", "--quiet", "-e", $"BASE_URL={demo.BaseAddress.ToString().TrimEnd('/')}", "-e", $"OUT_DIR={_folder}");

        exit.ShouldBe(ExitCodes.Ok, stdout + stderr);
        stderr.ShouldContain("requests=4 setup=from-setup");
        stdout.ShouldContain("✓ health is 200");
        var data = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_folder, "summary.json")))!;
        data["metrics"]!["http_reqs"]!["values"]!["count"]!.GetValue<double>().ShouldBe(4);
    }

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        Assert.SkipWhen(string.IsNullOrEmpty(Binary), "STAMPEDE_NATIVE is not set: publish with deploy/publish-native.sh (test.sh does)");
        using var process = CliProcess.Start(Binary!, args, _folder);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
