using Stampede.Plans.Executors;

namespace Stampede.Execution.Executors;

/// <summary>The one place executors are registered: options type → executor.</summary>
internal static class ExecutorFactory
{
    public static IExecutor Create(ExecutorOptions options) => options switch
    {
        ConstantVusOptions o => new ConstantVus(o),
        RampingVusOptions o => new RampingVus(o),
        ConstantArrivalRateOptions o => new ConstantArrivalRate(o),
        RampingArrivalRateOptions o => new RampingArrivalRate(o),
        PerVuIterationsOptions o => new PerVuIterations(o),
        SharedIterationsOptions o => new SharedIterations(o),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.GetType().Name, "unknown executor"),
    };
}
