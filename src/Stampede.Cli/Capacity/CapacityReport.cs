using System.Globalization;
using System.Text;

namespace Stampede.Cli.Capacity;

/// <summary>What <c>stampede plan-capacity</c> prints: what was measured, then what the target VUs need.</summary>
internal static class CapacityReport
{
    public static string Render(string file, Calibration calibration, CapacityPlan plan)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"calibration: {calibration.Vus:N0} VU(s), {calibration.VuSeconds:0.#} VU-seconds measured, {calibration.Iterations:N0} iterations");
        text.AppendLine(inv, $"  CPU per VU:    {calibration.CpuSecondsPerVuSecond * 100:0.###}% of a core ({calibration.CpuSecondsPerVuSecond:0.#####} CPU seconds per VU-second)");
        text.AppendLine(inv, $"  memory per VU: {calibration.BytesPerVu / 1024:0.#} KiB working set, {calibration.GcHeapBytesPerVu / 1024:0.#} KiB GC heap");
        text.AppendLine();
        text.AppendLine(inv, $"for {plan.TargetVus:N0} VUs, with headroom x{plan.Headroom:0.##}:");
        text.AppendLine(inv, $"  workers:        {plan.Workers:N0}, {plan.VusPerWorker:N0} VUs each");
        text.AppendLine(inv, $"  VUs per worker: at most {Math.Min(plan.VuCap, plan.VusPerWorkerByCpu):N0} (the cap is {plan.VuCap:N0}; {plan.CoresPerWorker:0.##} core(s) carry {plan.VusPerWorkerByCpu:N0})");
        text.AppendLine(inv, $"  CPU:            {plan.TotalCores:0.##} cores in all, {plan.TotalCores / plan.Workers:0.###} per worker");
        text.AppendLine(inv, $"  memory:         {plan.TotalMemoryMiB:N0} MiB in all, {plan.TotalMemoryMiB / plan.Workers:N0} MiB per worker ({CapacityPlan.BaseMemoryMiB} MiB base each)");
        text.AppendLine(inv, $"  k8s requests:   cpu {plan.Resources.CpuRequest}, memory {plan.Resources.MemoryRequest} (limit {plan.Resources.MemoryLimit}) per worker: what stampede k8s render asks for a plan of that many VUs on that many workers");
        if (plan.MeasuredAboveModel)
        {
            text.AppendLine("  note: a VU took more memory here than those requests assume; give stampede k8s render --memory");
        }

        text.AppendLine();
        text.AppendLine(inv, $"  stampede k8s render {file} --workers {plan.Workers}");
        return text.ToString();
    }
}
