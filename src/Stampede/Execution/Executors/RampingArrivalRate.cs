using Stampede.Plans;
using Stampede.Plans.Executors;

namespace Stampede.Execution.Executors;

/// <summary><c>ramping-arrival-rate</c>: the iteration start rate follows the stages linearly.</summary>
internal sealed class RampingArrivalRate(RampingArrivalRateOptions options) : IExecutor
{
    public Task PrepareAsync(ScenarioRuntime runtime)
    {
        runtime.PrepareArrivals(options);
        return runtime.PrepareIdleVusAsync(options.PreAllocatedVus);
    }

    public Task RunAsync(ScenarioRuntime runtime)
    {
        var unit = options.TimeUnit.TotalSeconds;
        var stages = options.Stages.Select(s => new Stage(s.Duration, s.Target / unit)).ToList();
        var pacer = new ArrivalPacer(options.StartRate / unit, stages);
        return new ArrivalScheduler(runtime, pacer).RunAsync();
    }
}
