using k8s.Models;
using Stampede.Plans;

namespace Stampede.Cli.Kubernetes;

/// <summary>
/// What each worker's pod asks for and is held to: memory from the VUs it runs (its share of the plan's peak) and
/// the memory a VU was measured to take, CPU a core unless told otherwise; every value can be overridden.
/// </summary>
internal sealed record WorkerResources(int VusPerWorker, string CpuRequest, string? CpuLimit, string MemoryRequest, string MemoryLimit)
{
    /// <summary>The native executable's own footprint before any VU (measured ~37 MB, docs/benchmarks.md), with room.</summary>
    public const int BaseMiB = 64;

    /// <summary>A YAML plan's VU: ~16 KB measured at 10,000 VUs (192 MB peak), with room.</summary>
    private const int PlanVuKiB = 20;

    /// <summary>A k6 script's VU carries its own JavaScript engine: ~150 KB measured, with room.</summary>
    private const int ScriptVuKiB = 160;

    /// <summary>
    /// The resources for a worker's share of <paramref name="plan"/>; <paramref name="overrides"/> replace any of
    /// them. No CPU limit unless one is given: a throttled generator delays its VUs and reports the delay as the
    /// target's latency.
    /// </summary>
    public static WorkerResources For(TestPlan plan, bool script, int workers, ResourceOverrides overrides)
    {
        // Scenarios may overlap in time, so the sum of their peaks is what one moment may need at most.
        var peak = plan.Scenarios.Sum(s => s.Executor.PeakVus);
        return ForVus((int)Math.Ceiling(peak / (double)workers), script, overrides);
    }

    /// <summary>The resources for a worker that runs <paramref name="vus"/> VUs at most (also what plan-capacity prints).</summary>
    public static WorkerResources ForVus(int vus, bool script, ResourceOverrides overrides)
    {
        var requestMiB = BaseMiB + (int)Math.Ceiling(vus * VuKiB(script) / 1024.0);
        var memoryRequest = overrides.MemoryRequest ?? $"{requestMiB}Mi";
        return new WorkerResources(
            vus,
            overrides.CpuRequest ?? "1",
            overrides.CpuLimit,
            memoryRequest,
            overrides.MemoryLimit ?? (overrides.MemoryRequest is null ? $"{requestMiB * 2}Mi" : memoryRequest));
    }

    /// <summary>The memory a VU is assumed to take in a worker's request: a k6 script's VU or a YAML plan's.</summary>
    public static int VuKiB(bool script) => script ? ScriptVuKiB : PlanVuKiB;

    /// <summary>The pod's requests and limits.</summary>
    public V1ResourceRequirements ToRequirements()
    {
        var limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new(MemoryLimit) };
        if (CpuLimit is not null)
        {
            limits["cpu"] = new ResourceQuantity(CpuLimit);
        }

        return new V1ResourceRequirements
        {
            Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(CpuRequest), ["memory"] = new(MemoryRequest) },
            Limits = limits,
        };
    }
}

/// <summary>Resources given on the command line, each replacing what the plan would ask for.</summary>
internal sealed record ResourceOverrides(string? CpuRequest = null, string? CpuLimit = null, string? MemoryRequest = null, string? MemoryLimit = null);
