using Stampede.Cli.Capacity;
using Stampede.Cli.Kubernetes;
using Stampede.Plans;
using Stampede.Plans.Executors;

namespace Stampede.Cli.Tests.Capacity;

/// <summary>The capacity arithmetic on a measured VU's cost, without a run.</summary>
public sealed class CapacityPlanTests
{
    // 1% of a core and 40 KiB a VU.
    private static readonly Calibration Measured = new(10, 40, 0.01, 40 * 1024, 30 * 1024, 1000);

    [Fact]
    public void From_CpuBoundVus_SplitsSoEachWorkersCoresCarryItsShareWithTheHeadroom()
    {
        var plan = CapacityPlan.From(Measured, targetVus: 5000, headroom: 1.5, vuCap: 5000, coresPerWorker: 1, script: false);

        // 1.5% of a core a VU with the headroom: a core carries 66 VUs, so 5,000 VUs need 76 workers of 66 VUs.
        plan.VusPerWorkerByCpu.ShouldBe(66);
        plan.Workers.ShouldBe(76);
        plan.VusPerWorker.ShouldBe(66);
        plan.TotalCores.ShouldBe(75, tolerance: 1e-9);
        (plan.TotalCores / plan.Workers).ShouldBeLessThanOrEqualTo(1);
        plan.TotalMemoryMiB.ShouldBe(76 * 64 + 5000 * 60.0 / 1024, tolerance: 1e-6);
    }

    [Fact]
    public void From_CheapVus_AreBoundByTheVuCap()
    {
        var cheap = Measured with { CpuSecondsPerVuSecond = 0.00001 };

        var plan = CapacityPlan.From(cheap, targetVus: 12_000, headroom: 1.5, vuCap: 5000, coresPerWorker: 1, script: false);

        plan.Workers.ShouldBe(3);
        plan.VusPerWorker.ShouldBe(4000);
    }

    [Fact]
    public void From_MoreTargetVus_NeverFewerWorkers()
    {
        var workers = new[] { 1, 10, 65, 66, 67, 500, 5000, 5001, 50_000 }
            .Select(vus => CapacityPlan.From(Measured, vus, 1.5, 5000, 1, script: false).Workers)
            .ToList();

        workers.ShouldBe([.. workers.Order()]);
        workers[0].ShouldBe(1);
        workers[^1].ShouldBeGreaterThan(workers[0]);
    }

    [Fact]
    public void From_Resources_AreWhatK8sRenderAsksForAPlanOfTheTargetVusOnThatManyWorkers()
    {
        var capacity = CapacityPlan.From(Measured, targetVus: 5000, headroom: 1.5, vuCap: 5000, coresPerWorker: 1, script: true);
        var plan = new TestPlan
        {
            Name = "sized",
            Scenarios = [new ScenarioPlan { Name = "s", Executor = new ConstantVusOptions { Vus = 5000, Duration = TimeSpan.FromMinutes(1) }, Iteration = _ => Task.CompletedTask }],
        };

        var rendered = WorkerResources.For(plan, script: true, capacity.Workers, new ResourceOverrides());

        capacity.Resources.ShouldBe(rendered);
        capacity.Resources.CpuRequest.ShouldBe("1");
    }

    [Fact]
    public void From_VuTakingMoreThanTheRequestsAssume_SaysSo()
    {
        CapacityPlan.From(Measured, 100, 1.5, 5000, 1, script: false).MeasuredAboveModel.ShouldBeTrue();
        CapacityPlan.From(Measured, 100, 1.5, 5000, 1, script: true).MeasuredAboveModel.ShouldBeFalse();
    }
}
