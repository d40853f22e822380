using Stampede.Cli.Kubernetes;

namespace Stampede.Cli.Capacity;

/// <summary>
/// How many workers, cores and how much memory a number of VUs needs, from what one VU was measured to cost. Each
/// worker gets at most <see cref="CoresPerWorker"/> cores' worth of VUs (with the headroom) and at most the VU cap;
/// its Kubernetes requests are what <c>stampede k8s render</c> asks for that many VUs (<see cref="WorkerResources"/>),
/// so the two agree.
/// </summary>
/// <param name="TargetVus">The VUs to plan for.</param>
/// <param name="Headroom">The factor every measured cost is multiplied by.</param>
/// <param name="VuCap">The most VUs one worker is given, whatever its CPU allows.</param>
/// <param name="CoresPerWorker">The cores a worker may use (a k8s worker requests one).</param>
/// <param name="Workers">How many workers.</param>
/// <param name="VusPerWorker">The VUs each runs (the last may run fewer).</param>
/// <param name="VusPerWorkerByCpu">The VUs a worker's cores carry at the measured cost with the headroom.</param>
/// <param name="TotalCores">Cores needed by all workers together, with the headroom.</param>
/// <param name="TotalMemoryMiB">Memory needed by all workers together at the measured cost per VU, with the headroom, above each worker's base.</param>
/// <param name="Resources">Each worker's Kubernetes requests and limits.</param>
/// <param name="MeasuredAboveModel">True when a VU was measured to take more than the requests assume: give <c>--memory</c>.</param>
internal sealed record CapacityPlan(
    int TargetVus, double Headroom, int VuCap, double CoresPerWorker, int Workers, int VusPerWorker, int VusPerWorkerByCpu,
    double TotalCores, double TotalMemoryMiB, WorkerResources Resources, bool MeasuredAboveModel)
{
    /// <summary>What a worker's process takes before any VU (the same base the Kubernetes requests assume).</summary>
    public static int BaseMemoryMiB => WorkerResources.BaseMiB;

    public static CapacityPlan From(Calibration calibration, int targetVus, double headroom, int vuCap, double coresPerWorker, bool script)
    {
        var cpuPerVu = calibration.CpuSecondsPerVuSecond * headroom;

        // A VU too cheap to measure is bounded by the cap alone.
        var byCpu = cpuPerVu <= 0 ? vuCap : (int)Math.Clamp(Math.Floor(coresPerWorker / cpuPerVu), 1, int.MaxValue);
        var perWorker = Math.Max(1, Math.Min(vuCap, byCpu));
        var workers = (int)Math.Ceiling(targetVus / (double)perWorker);
        var vusPerWorker = (int)Math.Ceiling(targetVus / (double)workers);
        var memoryPerVuMiB = calibration.BytesPerVu * headroom / (1024 * 1024);
        return new CapacityPlan(
            targetVus, headroom, vuCap, coresPerWorker, workers, vusPerWorker, byCpu,
            TotalCores: targetVus * cpuPerVu,
            TotalMemoryMiB: workers * BaseMemoryMiB + targetVus * memoryPerVuMiB,
            Resources: WorkerResources.ForVus(vusPerWorker, script, new ResourceOverrides()),
            MeasuredAboveModel: calibration.BytesPerVu * headroom > WorkerResources.VuKiB(script) * 1024.0);
    }
}
