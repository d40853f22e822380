using System.Text.Json.Nodes;
using Stampede.Cli.Tests.Support;
using Stampede.DemoTarget;
using Stampede.Metrics;

namespace Stampede.Cli.Tests.Kubernetes;

/// <summary>
/// <c>stampede k8s run</c> against a fake API server on loopback whose "kubelet" runs the manifests' coordinator and
/// workers as the real CLI in-process, loading the demo target: the objects are created in order, the coordinator's
/// log is followed, its merged result is taken, and everything is deleted (or kept).
/// </summary>
public sealed class K8sRunTests : CommandTestBase, IAsyncLifetime
{
    private DemoTargetServer _target = null!;
    private FakeKubernetesApi _api = null!;

    public async ValueTask InitializeAsync()
    {
        _target = await DemoTargetServer.StartAsync(new DemoTargetOptions { Port = 0 });
        _api = await FakeKubernetesApi.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        await _target.DisposeAsync();
    }

    private string[] Run(params string[] extra)
    {
        var plan = PathFor("smoke.yaml");
        File.WriteAllText(plan, """
            name: k8s-smoke
            baseUrl: ${BASE_URL}
            scenarios:
              browse:
                executor: constant-vus
                vus: 4
                duration: 2s
                flow:
                  - get: /api/health
                    check: { status: 200 }
            thresholds:
              http_req_failed: [ "rate<0.5" ]
            """);
        return
        [
            "k8s", "run", plan, "--workers", "2", "--namespace", "load", "--kubeconfig", _api.WriteKubeconfig(PathFor("kubeconfig")),
            "--env", $"BASE_URL={_target.BaseAddress.ToString().TrimEnd('/')}", "--no-summary", .. extra,
        ];
    }

    [Fact]
    public async Task Run_TwoWorkers_CreatesTheObjectsFollowsTheCoordinatorAndWritesTheMergedResult()
    {
        var resultFile = PathFor("result.json");

        var (code, _, error) = await RunCliAsync(Run("--name", "smoke", "--out", $"json={resultFile}"));

        code.ShouldBe(ExitCodes.Ok, error);
        var result = RunResultJson.Deserialize(await File.ReadAllTextAsync(resultFile));
        result.Meta.Segments!.Select(s => s.Segment).ShouldBe(["0:1/2", "1/2:1"]);
        result.Metrics.ShouldContain(m => m.Name == "http_reqs");
        _api.Changes.Where(c => c.StartsWith("POST", StringComparison.Ordinal)).ShouldBe(
            ["POST configmaps/smoke-plan", "POST secrets/smoke-token", "POST services/smoke-coordinator", "POST jobs/smoke-coordinator", "POST jobs/smoke-workers"]);
        _api.Changes.Where(c => c.StartsWith("DELETE", StringComparison.Ordinal)).ShouldBe(
            ["DELETE jobs/smoke-workers", "DELETE jobs/smoke-coordinator", "DELETE services/smoke-coordinator", "DELETE secrets/smoke-token", "DELETE configmaps/smoke-plan"]);
        // The coordinator's own progress, read from its pod's log; its result line is taken, not echoed.
        error.ShouldContain("all 2 workers joined");
        error.ShouldNotContain("stampede-result:");
    }

    [Fact]
    public async Task Run_Keep_LeavesEveryObjectInPlace()
    {
        var (code, _, error) = await RunCliAsync(Run("--keep"));

        code.ShouldBe(ExitCodes.Ok, error);
        _api.Changes.Count(c => c.StartsWith("POST", StringComparison.Ordinal)).ShouldBe(5);
        _api.Changes.ShouldNotContain(c => c.StartsWith("DELETE", StringComparison.Ordinal));
        error.ShouldContain("kept the run's objects");
    }

    [Fact]
    public async Task Run_QuotaTooSmall_SaysWhatDoesNotFitAndCreatesNothing()
    {
        _api.Quotas.Add(Quota("small", hard: ("requests.memory", "100Mi"), used: ("requests.memory", "20Mi")));

        var (code, _, error) = await RunCliAsync(Run());

        code.ShouldBe(ExitCodes.Failure);
        error.ShouldContain("cannot fit in namespace load; nothing was created");
        // Two workers of 65Mi and a coordinator of 128Mi against the 80Mi left.
        error.ShouldContain("quota 'small': requests.memory: the run needs 258Mi, 80Mi of 100Mi is left");
        _api.Changes.ShouldBeEmpty();
    }

    [Fact]
    public async Task Run_QuotaOnCpuLimits_AsksForACpuLimit()
    {
        _api.Quotas.Add(Quota("limits", hard: ("limits.cpu", "64"), used: ("limits.cpu", "0")));

        var (code, _, error) = await RunCliAsync(Run());

        code.ShouldBe(ExitCodes.Failure);
        error.ShouldContain("quota 'limits' sets limits.cpu, so every pod must state one: give --cpu-limit");
        _api.Changes.ShouldBeEmpty();
    }

    [Fact]
    public async Task Run_PodsThatCannotPullTheImage_AreReportedAndTheRunGivesUpAndCleansUp()
    {
        _api.PodsWaitWith = "ImagePullBackOff";

        var (code, _, error) = await RunCliAsync(Run("--name", "stuck", "--join-timeout", "3s", "--image", "missing:1"));

        code.ShouldBe(ExitCodes.Failure);
        error.ShouldContain("warning: pod stuck-coordinator-0-fake cannot start: ImagePullBackOff");
        error.ShouldContain("the coordinator's pod did not start within 3s");
        _api.Changes.Count(c => c.StartsWith("DELETE", StringComparison.Ordinal)).ShouldBe(5);
    }

    [Fact]
    public async Task Run_NameTaken_SaysWhichObjectAndCleansUp()
    {
        var first = await RunCliAsync(Run("--name", "twice", "--keep"));
        first.ExitCode.ShouldBe(ExitCodes.Ok, first.Error);

        var (code, _, error) = await RunCliAsync(Run("--name", "twice"));

        code.ShouldBe(ExitCodes.Failure);
        error.ShouldContain("cannot create configmap/twice-plan in namespace load: 409");
    }

    [Fact]
    public async Task Run_KubeconfigMissing_IsBadInput()
    {
        var (code, _, error) = await RunCliAsync("k8s", "run", PathFor("none.yaml"), "--workers", "1", "--kubeconfig", PathFor("absent"));

        code.ShouldBe(ExitCodes.BadInput);
        error.ShouldContain("none.yaml");
    }

    private static JsonObject Quota(string name, (string Key, string Value) hard, (string Key, string Value) used) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ResourceQuota",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["status"] = new JsonObject
        {
            ["hard"] = new JsonObject { [hard.Key] = hard.Value },
            ["used"] = new JsonObject { [used.Key] = used.Value },
        },
    };
}
