using System.Globalization;
using Stampede.Metrics;

namespace Stampede.Cli.Tests.Commands;

/// <summary>Setup and teardown once for the fleet: the first worker runs them, every worker's VUs get setup's data.</summary>
public sealed partial class CoordinateCommandTests
{
    /// <summary>What the demo target counts it answered with one method on the routes below a path.</summary>
    private async Task<long> ServedAsync(string routePrefix, string method)
    {
        using var http = new HttpClient { BaseAddress = _target.BaseAddress };
        var text = await http.GetStringAsync("metrics");
        return text.Split('\n')
            .Where(l => l.StartsWith($"demo_http_requests_total{{route=\"{routePrefix}", StringComparison.Ordinal) && l.Contains($"method=\"{method}\"", StringComparison.Ordinal))
            .Sum(l => long.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    private async Task<(int Coordinator, int[] Workers, TestConsoleHost Host, List<TestConsoleHost> WorkerHosts)> RunFleetAsync(string plan, int count)
    {
        var (coordinator, coordinatorHost, address, token) = await StartCoordinatorAsync(plan, "--workers", count.ToString(CultureInfo.InvariantCulture), "--out", $"json={PathFor("merged.json")}");
        var workerHosts = Enumerable.Range(1, count).Select(_ => new TestConsoleHost()).ToList();
        var workers = workerHosts.Select((h, i) => StartWorker(h, address, token, $"w{i + 1}")).ToList();
        var exitCodes = await Task.WhenAll(workers).WaitAsync(Patience);
        var exit = await coordinator.WaitAsync(Patience);
        return (exit, exitCodes, coordinatorHost, workerHosts);
    }

    [Fact]
    public async Task Coordinate_YamlPlanWithSetupAndTeardown_RunsThemOnceAndEveryWorkersVusUseSetupsData()
    {
        var plan = PathFor("setup.yaml");
        File.WriteAllText(plan, """
            name: fleet-setup
            baseUrl: ${BASE_URL}
            setup:
              steps:
                - post: /api/missions
                  json: { name: "fleet mission" }
                  check: { status: 201 }
                  capture: { missionId: json.id }
            teardown:
              steps:
                - delete: /api/missions/{{ setup.missionId }}
                  check: { status: 204 }
            scenarios:
              read:
                executor: shared-iterations
                vus: 3
                iterations: 30
                flow:
                  - get: /api/missions/{{ setup.missionId }}
                    check: { status: 200, "json.name": "fleet mission" }
            """);
        var (createdBefore, readBefore, deletedBefore) = (await ServedAsync("/api/missions", "POST"), await ServedAsync("/api/missions/{id", "GET"), await ServedAsync("/api/missions", "DELETE"));

        var (exit, exitCodes, coordinatorHost, workerHosts) = await RunFleetAsync(plan, 3);

        exit.ShouldBe(ExitCodes.Ok, coordinatorHost.Errors + string.Concat(workerHosts.Select(h => h.Errors)));
        exitCodes.ShouldAllBe(c => c == ExitCodes.Ok);
        (await ServedAsync("/api/missions", "POST") - createdBefore).ShouldBe(1);
        (await ServedAsync("/api/missions", "DELETE") - deletedBefore).ShouldBe(1);
        (await ServedAsync("/api/missions/{id", "GET") - readBefore).ShouldBe(30);
        workerHosts.Count(h => h.Errors.Contains("running setup for all", StringComparison.Ordinal)).ShouldBe(1);
        var merged = RunResultJson.Deserialize(File.ReadAllText(PathFor("merged.json")));

        // Each worker ran its share of the reads, and every read found setup's mission: no worker lacked the data.
        merged.Meta.Segments!.Count.ShouldBe(3);
        // 30 reads with two checks each, and setup's and teardown's one check each, once.
        merged.Checks.Sum(c => c.Fails).ShouldBe(0);
        merged.Checks.Sum(c => c.Passes).ShouldBe(62);
    }

    [Fact]
    public async Task Coordinate_K6ScriptWithSetupAndTeardown_RunsThemOnceAndEveryVuGetsSetupsData()
    {
        var script = PathFor("setup.js");
        File.WriteAllText(script, """
            import http from 'k6/http';
            import { check } from 'k6';
            export const options = { scenarios: { read: { executor: 'shared-iterations', vus: 3, iterations: 30 } } };
            export function setup() {
              const created = http.post(`${__ENV.BASE_URL}/api/missions`, JSON.stringify({ name: 'k6 fleet' }), { headers: { 'Content-Type': 'application/json' } });
              return { id: created.json('id'), token: 'from-setup' };
            }
            export default function (data) {
              const res = http.get(`${__ENV.BASE_URL}/api/missions/${data.id}`);
              check(res, { 'mission found': r => r.status === 200, 'data from setup': () => data.token === 'from-setup' });
            }
            export function teardown(data) {
              http.del(`${__ENV.BASE_URL}/api/missions/${data.id}`);
            }
            """);
        var (createdBefore, readBefore, deletedBefore) = (await ServedAsync("/api/missions", "POST"), await ServedAsync("/api/missions/{id", "GET"), await ServedAsync("/api/missions", "DELETE"));

        var (exit, exitCodes, coordinatorHost, workerHosts) = await RunFleetAsync(script, 3);

        exit.ShouldBe(ExitCodes.Ok, coordinatorHost.Errors + string.Concat(workerHosts.Select(h => h.Errors)));
        exitCodes.ShouldAllBe(c => c == ExitCodes.Ok);
        (await ServedAsync("/api/missions", "POST") - createdBefore).ShouldBe(1);
        (await ServedAsync("/api/missions", "DELETE") - deletedBefore).ShouldBe(1);
        (await ServedAsync("/api/missions/{id", "GET") - readBefore).ShouldBe(30);
        var merged = RunResultJson.Deserialize(File.ReadAllText(PathFor("merged.json")));
        merged.Checks.Where(c => c.Name == "data from setup").Sum(c => c.Passes).ShouldBe(30);
        merged.Checks.Where(c => c.Name == "mission found").Sum(c => c.Passes).ShouldBe(30);
        merged.Checks.Sum(c => c.Fails).ShouldBe(0);
    }

    [Fact]
    public async Task Coordinate_WorkerSettingUpForAllDiesDuringSetup_FailsTheRunOnEveryMachineWithoutStarting()
    {
        var plan = PathFor("slow-setup.yaml");
        File.WriteAllText(plan, """
            name: slow-setup
            baseUrl: ${BASE_URL}
            setup:
              steps:
                - think: 50s
            scenarios:
              work:
                executor: shared-iterations
                vus: 2
                iterations: 2
                flow:
                  - get: /api/health
            """);
        var readsBefore = await ServedAsync("/api/health");
        var (coordinator, coordinatorHost, address, token) = await StartCoordinatorAsync(plan, "--workers", "2", "--lost-after", "2s");
        using var kill = new CancellationTokenSource();
        var ownerHost = new TestConsoleHost();
        var owner = StartWorker(ownerHost, address, token, "owner", kill.Token);

        // The first to join sets up for all: let it join before the other.
        (await WaitUntilAsync(() => ownerHost.Errors.Contains("worker owner: segment", StringComparison.Ordinal) || owner.IsCompleted)).ShouldBeTrue(ownerHost.Errors);
        var otherHost = new TestConsoleHost();
        var other = StartWorker(otherHost, address, token, "other");
        (await WaitUntilAsync(() => ownerHost.Errors.Contains("running setup for all", StringComparison.Ordinal) || owner.IsCompleted)).ShouldBeTrue(ownerHost.Errors);
        await kill.CancelAsync();
        var ownerExit = await owner.WaitAsync(Patience);
        var otherExit = await other.WaitAsync(Patience);
        var exit = await coordinator.WaitAsync(Patience);

        ownerExit.ShouldBe(ExitCodes.Failure);
        otherExit.ShouldBe(ExitCodes.Failure, otherHost.Errors);
        otherHost.Errors.ShouldContain("the run cannot start");
        otherHost.Errors.ShouldContain("runs setup for every worker, was lost");
        exit.ShouldBe(ExitCodes.Failure, coordinatorHost.Errors);
        coordinatorHost.Errors.ShouldContain("worker owner (0:1/2), which runs setup for every worker, was lost");
        coordinatorHost.Errors.ShouldContain("nothing ran");
        (await ServedAsync("/api/health") - readsBefore).ShouldBe(0);
    }
}
