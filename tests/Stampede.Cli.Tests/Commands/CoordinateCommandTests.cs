using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Stampede.Cli.Coordination;
using Stampede.Cli.Tests.Support;
using Stampede.DemoTarget;
using Stampede.Metrics;

namespace Stampede.Cli.Tests.Commands;

/// <summary>
/// <c>stampede coordinate</c> and <c>stampede worker</c> in-process, each on its own host, against the demo target on
/// loopback: the workers share the run, the coordinator merges it.
/// </summary>
public sealed partial class CoordinateCommandTests : CommandTestBase, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private DemoTargetServer _target = null!;

    public async ValueTask InitializeAsync() => _target = await DemoTargetServer.StartAsync(new DemoTargetOptions { Port = 0 });

    public async ValueTask DisposeAsync() => await _target.DisposeAsync();

    private string WritePlan(string scenario)
    {
        var path = PathFor("plan.yaml");
        File.WriteAllText(path, $"""
            name: coordinated
            baseUrl: ${"{"}BASE_URL{"}"}
            scenarios:
              work:
            {scenario}
                flow:
                  - get: /api/health
                    check: {"{"} status: 200 {"}"}
            thresholds:
              http_req_failed: [ "rate<0.5" ]
            """);
        return path;
    }

    private string BaseUrl => _target.BaseAddress.ToString().TrimEnd('/');

    /// <summary>Starts the coordinator on a free port and waits until it prints where it listens and its token.</summary>
    private async Task<(Task<int> Run, TestConsoleHost Host, string Address, string Token)> StartCoordinatorAsync(string plan, params string[] extra)
    {
        var host = new TestConsoleHost();
        string[] history = extra.Contains("--store") ? [] : ["--no-history"];
        var run = Task.Run(() => StampedeCli.RunAsync(["coordinate", plan, "--port", "0", "-e", $"BASE_URL={BaseUrl}", "--no-summary", .. history, .. extra], host));
        var started = await WaitUntilAsync(() => WorkerLine().IsMatch(host.Errors) || run.IsCompleted);
        started.ShouldBeTrue(host.Errors);
        var match = WorkerLine().Match(host.Errors);
        match.Success.ShouldBeTrue($"exit {(run.IsCompleted ? run.Result : -1)}: {host.Errors}");
        return (run, host, match.Groups["address"].Value, match.Groups["token"].Value);
    }

    private static Task<int> StartWorker(TestConsoleHost host, string address, string token, string name, CancellationToken cancellationToken = default, params string[] extra) =>
        Task.Run(() => StampedeCli.RunAsync(["worker", "--coordinator", address, "--token", token, "--name", name, "--no-summary", .. extra], host, cancellationToken), CancellationToken.None);

    private static async Task<bool> WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    /// <summary>What the demo target counts it answered on a route, from its Prometheus endpoint.</summary>
    private async Task<long> ServedAsync(string route)
    {
        using var http = new HttpClient { BaseAddress = _target.BaseAddress };
        var text = await http.GetStringAsync("metrics");
        return text.Split('\n')
            .Where(l => l.StartsWith("demo_http_requests_total{", StringComparison.Ordinal) && l.Contains($"route=\"{route}\"", StringComparison.Ordinal))
            .Sum(l => long.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Coordinate_ThreeWorkersShareIterations_MergedCountIsWhatTheTargetServedAndASingleRunsCount()
    {
        var plan = WritePlan("    executor: shared-iterations\n    vus: 6\n    iterations: 90");
        var single = await RunCliAsync("run", plan, "-e", $"BASE_URL={BaseUrl}", "--no-history", "--quiet", "--no-summary", "--out", $"json={PathFor("single.json")}");
        single.ExitCode.ShouldBe(ExitCodes.Ok, single.Error);
        var servedBefore = await ServedAsync("/api/health");

        var (coordinator, coordinatorHost, address, token) = await StartCoordinatorAsync(plan, "--workers", "3", "--out", $"json={PathFor("merged.json")}", "--store", StorePath);
        var workerHosts = Enumerable.Range(1, 3).Select(_ => new TestConsoleHost()).ToList();
        var workers = workerHosts.Select((h, i) => StartWorker(h, address, token, $"w{i + 1}")).ToList();
        var exitCodes = await Task.WhenAll(workers).WaitAsync(Patience);
        var exit = await coordinator.WaitAsync(Patience);

        exit.ShouldBe(ExitCodes.Ok, coordinatorHost.Errors);
        exitCodes.ShouldAllBe(c => c == ExitCodes.Ok);
        var merged = RunResultJson.Deserialize(File.ReadAllText(PathFor("merged.json")));
        var whole = RunResultJson.Deserialize(File.ReadAllText(PathFor("single.json")));
        merged.Metric("http_reqs")!.Values.Count.ShouldBe(90);
        merged.Metric("http_reqs")!.Values.Count.ShouldBe(whole.Metric("http_reqs")!.Values.Count);
        (await ServedAsync("/api/health") - servedBefore).ShouldBe(90);
        merged.Scenarios.Single().Iterations.ShouldBe(90);
        merged.Meta.Segment.ShouldBeNull();
        merged.Meta.SegmentSequence.ShouldBe("0,1/3,2/3,1");
        merged.Meta.Segments!.Select(s => s.Segment).ShouldBe(["0:1/3", "1/3:2/3", "2/3:1"]);
        merged.Meta.Segments!.ShouldAllBe(s => s.Lost == null);
        merged.Thresholds.ShouldHaveSingleItem().Outcome.ShouldBe("passed");
        merged.Passed.ShouldBeTrue();
        coordinatorHost.Errors.ShouldContain("all 3 workers joined; starting at");
        coordinatorHost.Output.ShouldContain("merged 3 of 3 workers' results");

        // The merged run is one run of the plan in the history, with the coordinator's plan text.
        coordinatorHost.Output.ShouldContain("history: stored as run #1");
        await using var store = Stampede.History.Store.RunStores.Open(StorePath);
        var stored = (await store.GetAsync(1)).ShouldNotBeNull();
        stored.Result.Metric("http_reqs")!.Values.Count.ShouldBe(90);
        stored.Result.Meta.SegmentSequence.ShouldBe("0,1/3,2/3,1");
        stored.PlanText.ShouldNotBeNull().ShouldContain("name: coordinated");
    }

    [Fact]
    public async Task Coordinate_WorkerWithAWrongToken_IsRefusedWith401AndExitsWithBadInput()
    {
        var plan = WritePlan("    executor: shared-iterations\n    vus: 1\n    iterations: 1");
        var (coordinator, coordinatorHost, address, _) = await StartCoordinatorAsync(plan, "--workers", "1", "--join-timeout", "3s");
        var workerHost = new TestConsoleHost();

        var exitCode = await StartWorker(workerHost, address, "not-the-token", "intruder").WaitAsync(Patience);
        using var http = new HttpClient();
        using var bare = await http.PostAsync($"{address}/join", new StringContent("""{"name":"x"}"""));
        var exit = await coordinator.WaitAsync(Patience);

        exitCode.ShouldBe(ExitCodes.BadInput, workerHost.Errors);
        workerHost.Errors.ShouldContain("refused the token");
        bare.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        exit.ShouldBe(ExitCodes.Failure);
        coordinatorHost.Errors.ShouldContain("only 0 of 1 workers joined within 3s");
    }

    [Fact]
    public async Task Coordinate_WorkerCancelledMidRun_IsReportedLostAndMarkedInTheResult()
    {
        var plan = WritePlan("    executor: constant-vus\n    vus: 2\n    duration: 4s");
        var (coordinator, coordinatorHost, address, token) = await StartCoordinatorAsync(plan, "--workers", "2", "--lost-after", "2s", "--out", $"json={PathFor("merged.json")}");
        using var kill = new CancellationTokenSource();
        var steadyHost = new TestConsoleHost();
        var steady = StartWorker(steadyHost, address, token, "steady");
        var doomedHost = new TestConsoleHost();
        var doomed = StartWorker(doomedHost, address, token, "doomed", kill.Token);

        // Once the coordinator shows requests, the run is under way: kill the second worker then.
        (await WaitUntilAsync(() => ProgressWithRequests().IsMatch(coordinatorHost.Errors) || coordinator.IsCompleted)).ShouldBeTrue(coordinatorHost.Errors);
        await kill.CancelAsync();
        var doomedExit = await doomed.WaitAsync(Patience);
        var steadyExit = await steady.WaitAsync(Patience);
        var exit = await coordinator.WaitAsync(Patience);

        doomedExit.ShouldBe(ExitCodes.Failure);
        steadyExit.ShouldBe(ExitCodes.Ok, steadyHost.Errors + steadyHost.Output);
        exit.ShouldBe(ExitCodes.Failure, coordinatorHost.Errors);
        // Which half each worker got depends on which joined first.
        var lost = DoomedSegment().Match(doomedHost.Errors).Groups["segment"].Value;
        var kept = lost == "0:1/2" ? "1/2:1" : "0:1/2";
        coordinatorHost.Errors.ShouldContain($"worker doomed ({lost}) lost");
        var merged = RunResultJson.Deserialize(File.ReadAllText(PathFor("merged.json")));
        merged.Meta.Segments!.Select(s => (s.Segment, s.Host, s.Lost)).ShouldBe(
            new[] { (kept, "test-host", (bool?)null), (lost, "doomed", true) }.OrderBy(s => s.Item1, StringComparer.Ordinal));
        merged.Meta.StopReason.ShouldNotBeNull().ShouldContain($"worker doomed ({lost}) lost");
        merged.Meta.Segment.ShouldBe(kept);
        merged.Metric("http_reqs")!.Values.Count!.Value.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Worker_CoordinatorGoneMidRun_StopsByItselfAndKeepsItsResultLocally()
    {
        // Far longer than the test waits: only the worker's own stop can end it in time.
        var plan = WritePlan("    executor: constant-vus\n    vus: 1\n    duration: 5m");
        var (coordinator, coordinatorHost, address, token) = await StartCoordinatorAsync(plan, "--workers", "1");
        var workerHost = new TestConsoleHost();
        var kept = PathFor("kept.json");
        var worker = StartWorker(workerHost, address, token, "orphan", default, "--coordinator-timeout", "2s", "--result-file", kept);

        (await WaitUntilAsync(() => ProgressWithRequests().IsMatch(coordinatorHost.Errors) || coordinator.IsCompleted)).ShouldBeTrue(coordinatorHost.Errors);
        coordinatorHost.RaiseSignal();
        var exit = await coordinator.WaitAsync(Patience);
        var workerExit = await worker.WaitAsync(Patience);

        exit.ShouldBe(ExitCodes.Failure);
        coordinatorHost.Errors.ShouldContain("worker orphan (0:1) lost (the coordinator was stopped before it sent its result)");
        workerExit.ShouldBe(ExitCodes.Failure, workerHost.Errors);
        workerHost.Errors.ShouldContain("the coordinator has not answered for 2s");
        workerHost.Errors.ShouldContain($"kept it in {kept}");
        var result = RunResultJson.Deserialize(File.ReadAllText(kept));
        result.Meta.Segment.ShouldBe("0:1");
        result.Meta.StopReason.ShouldBe("the coordinator stopped answering for 2s");
        result.Metric("http_reqs")!.Values.Count!.Value.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Coordinate_AbortOnFailThresholdBrokenByTheWorkersTogether_StopsEveryWorkerAndFailsTheRun()
    {
        // Each worker's VU makes about 20 requests a second for up to 5 minutes; together they pass 40 in about a second.
        var plan = PathFor("aborting.yaml");
        File.WriteAllText(plan, """
            name: aborting
            baseUrl: ${BASE_URL}
            scenarios:
              work:
                executor: constant-vus
                vus: 2
                duration: 5m
                flow:
                  - get: /api/health
                  - think: 50ms
            thresholds:
              http_reqs: [ { threshold: "count<40", abortOnFail: true } ]
            """);
        var (coordinator, coordinatorHost, address, token) = await StartCoordinatorAsync(plan, "--workers", "2", "--out", $"json={PathFor("merged.json")}");
        var workerHosts = new[] { new TestConsoleHost(), new TestConsoleHost() };
        var workers = workerHosts.Select((h, i) => StartWorker(h, address, token, $"w{i + 1}")).ToList();

        var exitCodes = await Task.WhenAll(workers).WaitAsync(Patience);
        var exit = await coordinator.WaitAsync(Patience);

        exit.ShouldBe(ExitCodes.ThresholdsFailed, coordinatorHost.Errors);
        coordinatorHost.Errors.ShouldContain("stopping every worker: threshold http_reqs 'count<40' failed on every worker's results together");
        workerHosts.ShouldAllBe(h => h.Errors.Contains("the coordinator stops the run"), string.Join("\n---\n", workerHosts.Select(h => h.Errors)));
        var merged = RunResultJson.Deserialize(File.ReadAllText(PathFor("merged.json")));
        var threshold = merged.Thresholds.ShouldHaveSingleItem();
        threshold.Outcome.ShouldBe("failed");
        threshold.AbortOnFail.ShouldBeTrue();
        threshold.Aborted.ShouldBeTrue();

        // Every worker stopped on the coordinator's word, none on its own share's count.
        merged.Meta.Segments!.ShouldAllBe(s => s.StopReason!.Contains("every worker's results together"));
        merged.Meta.DurationSeconds.ShouldBeLessThan(60);
        merged.Metric("http_reqs")!.Values.Count!.Value.ShouldBeGreaterThanOrEqualTo(40);
    }

    [Fact]
    public async Task Coordinate_PlansWithFilesBesideThem_WorkersGetTheFilesAndRunFromThem()
    {
        // The workers run in a folder of their own, far from these files: only what the coordinator sends them resolves.
        var folder = PathFor("suite");
        Directory.CreateDirectory(Path.Combine(folder, "lib"));
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        File.WriteAllText(Path.Combine(folder, "lib", "routes.js"), "export const health = '/api/health';\n");
        File.WriteAllText(Path.Combine(folder, "data", "names.json"), """["ada", "grace", "edsger", "barbara"]""");
        File.WriteAllText(Path.Combine(folder, "data", "users.csv"), "name\nada\ngrace\n");
        var script = Path.Combine(folder, "script.js");
        File.WriteAllText(script, """
            import http from 'k6/http';
            import { check } from 'k6';
            import { SharedArray } from 'k6/data';
            import { health } from './lib/routes.js';
            const names = new SharedArray('names', () => JSON.parse(open('./data/names.json')));
            export const options = { scenarios: { work: { executor: 'per-vu-iterations', vus: 2, iterations: 3 } } };
            export default function () {
              const res = http.get(`${__ENV.BASE_URL}${health}?who=${names[__ITER % names.length]}`);
              check(res, { 'health is 200': (r) => r.status === 200, 'four names': () => names.length === 4 });
            }
            """);
        var plan = Path.Combine(folder, "plan.yaml");
        File.WriteAllText(plan, """
            name: with-data
            baseUrl: ${BASE_URL}
            data:
              users: { csv: data/users.csv }
            scenarios:
              work:
                executor: per-vu-iterations
                vus: 2
                iterations: 2
                flow:
                  - get: /api/health?who={{ data.users.name }}
                    check: { status: 200 }
            """);

        foreach (var (file, requests) in new[] { (script, 6L), (plan, 4L) })
        {
            var merged = PathFor($"{Path.GetFileNameWithoutExtension(file)}.json");
            var (coordinator, coordinatorHost, address, token) = await StartCoordinatorAsync(file, "--workers", "2", "--out", $"json={merged}");
            var workerHosts = new[] { new TestConsoleHost(), new TestConsoleHost() };
            var exitCodes = await Task.WhenAll(workerHosts.Select((h, i) => StartWorker(h, address, token, $"w{i + 1}"))).WaitAsync(Patience);
            var exit = await coordinator.WaitAsync(Patience);

            exit.ShouldBe(ExitCodes.Ok, coordinatorHost.Errors + string.Join("\n---\n", workerHosts.Select(h => h.Errors)));
            exitCodes.ShouldAllBe(c => c == ExitCodes.Ok);
            var result = RunResultJson.Deserialize(File.ReadAllText(merged));
            result.Metric("http_reqs")!.Values.Count.ShouldBe(requests);
            result.Metric("checks")!.Values.Fails.ShouldBe(0);
            result.Errors.ShouldBeEmpty();
        }
    }

    [Fact]
    public async Task Coordinate_PlanBesideMoreThanItSends_IsRefusedBeforeAnyWorkerJoins()
    {
        var folder = PathFor("crowded");
        Directory.CreateDirectory(folder);
        using (var big = File.Create(Path.Combine(folder, "recording.bin")))
        {
            big.SetLength(PlanBundle.MaxBytes + 1);
        }

        var plan = Path.Combine(folder, "plan.yaml");
        File.Copy(WritePlan("    executor: shared-iterations\n    vus: 1\n    iterations: 1"), plan);

        var (exit, _, error) = await RunCliAsync("coordinate", plan, "--workers", "1", "--port", "0", "--no-history");

        exit.ShouldBe(ExitCodes.BadInput);
        error.ShouldContain("more than 16 MB (at recording.bin)");
    }

    [GeneratedRegex(@"stampede worker --coordinator (?<address>http://\S+) --token (?<token>\S+)")]
    private static partial Regex WorkerLine();

    [GeneratedRegex(@"worker doomed: segment (?<segment>\S+) of")]
    private static partial Regex DoomedSegment();

    [GeneratedRegex(@"\] workers=.* requests=[1-9]")]
    private static partial Regex ProgressWithRequests();

    [Fact]
    public async Task Coordinate_WithDashboard_StreamsTheFleetsSecondsAndItsStopStopsEveryWorker()
    {
        var plan = PathFor("fleet.yaml");
        await File.WriteAllTextAsync(plan, """
            name: fleet
            baseUrl: ${BASE_URL}
            scenarios:
              work:
                executor: constant-vus
                vus: 4
                duration: 40s
                flow:
                  - get: /api/health
                  - think: 50ms
            """);
        var merged = PathFor("fleet.json");
        var (coordinator, coordinatorHost, address, token) = await StartCoordinatorAsync(plan, "--workers", "2", "--dashboard", "127.0.0.1:0", "--out", $"json={merged}");
        (await WaitUntilAsync(() => DashboardLine().IsMatch(coordinatorHost.Errors))).ShouldBeTrue(coordinatorHost.Errors);
        var link = DashboardLine().Match(coordinatorHost.Errors);
        var page = new Uri(link.Groups["address"].Value);
        var dashboardToken = link.Groups["token"].Value;
        var workerHosts = new[] { new TestConsoleHost(), new TestConsoleHost() };
        var workers = workerHosts.Select((h, i) => StartWorker(h, address, token, $"w{i + 1}")).ToList();

        using var client = new HttpClient();
        (await client.GetStringAsync(page)).ShouldContain("{\"mode\":\"fleet\"}");
        using var events = await client.GetAsync(new Uri(page, "events"), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await events.Content.ReadAsStreamAsync());
        using var patience = new CancellationTokenSource(Patience);
        string? busy = null;
        while (busy is null && await reader.ReadLineAsync(patience.Token) is { } line)
        {
            // Both workers' VUs added up, and a row for each worker.
            if (line.StartsWith("data: ", StringComparison.Ordinal) && line.Contains("\"type\":\"second\"", StringComparison.Ordinal) && line.Contains("\"vus\":4,", StringComparison.Ordinal)
                && line.Contains("\"name\":\"w1\"", StringComparison.Ordinal) && line.Contains("\"name\":\"w2\"", StringComparison.Ordinal))
            {
                busy = line;
            }
        }

        busy.ShouldNotBeNull();
        busy.ShouldMatch("\"requests\":[1-9]");

        (int Status, string Text) vus = await ControlAsync(client, page, dashboardToken, "{\"action\":\"vus\",\"vus\":6}");
        vus.Status.ShouldBe(409);
        vus.Text.ShouldContain("not available in a coordinated run");
        (await ControlAsync(client, page, "0000000000000000", "{\"action\":\"stop\"}")).Status.ShouldBe(401);
        (await ControlAsync(client, page, dashboardToken, "{\"action\":\"stop\"}")).Status.ShouldBe(200);

        var exitCodes = await Task.WhenAll(workers).WaitAsync(Patience);
        var exit = await coordinator.WaitAsync(Patience);
        exitCodes.ShouldAllBe(code => code != ExitCodes.BadInput);
        exit.ShouldBe(ExitCodes.Failure, coordinatorHost.Errors);
        var end = "";
        while (await reader.ReadLineAsync(patience.Token) is { } line)
        {
            if (line.Contains("\"type\":\"end\"", StringComparison.Ordinal))
            {
                end = line;
            }
        }

        end.ShouldContain("stopped from the dashboard");
        var result = RunResultJson.Deserialize(await File.ReadAllTextAsync(merged));
        result.Meta.StopReason.ShouldNotBeNull().ShouldContain("stopped from the dashboard");
        result.Meta.DurationSeconds.ShouldBeLessThan(30, "the stop ended a 40s run early");
        result.Annotations.Select(a => a.Description).ShouldContain("stop: stopped from the dashboard");
        result.Metric("vus_max")!.Values.Max.ShouldBe(4);
    }

    private static async Task<(int Status, string Text)> ControlAsync(HttpClient client, Uri page, string token, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(page, "api/control")) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex(@"dashboard: (?<address>http://[^/\s]+/)#token=(?<token>[0-9a-f]+)")]
    private static partial Regex DashboardLine();
}
