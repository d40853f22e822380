using Stampede.Plans.Executors;

namespace Stampede.Execution.Executors;

/// <summary><c>constant-arrival-rate</c>: starts <see cref="ConstantArrivalRateOptions.Rate"/> iterations per time unit.</summary>
internal sealed class ConstantArrivalRate(ConstantArrivalRateOptions options) : IExecutor
{
    public Task PrepareAsync(ScenarioRuntime runtime)
    {
        runtime.PrepareArrivals(options);
        return runtime.PrepareIdleVusAsync(options.PreAllocatedVus);
    }

    public Task RunAsync(ScenarioRuntime runtime)
    {
        var perSecond = options.Rate / options.TimeUnit.TotalSeconds;
        var pacer = ArrivalPacer.Constant(perSecond, options.Duration);
        return new ArrivalScheduler(runtime, pacer).RunAsync();
    }
}
