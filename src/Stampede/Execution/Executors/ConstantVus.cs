using Stampede.Plans.Executors;

namespace Stampede.Execution.Executors;

/// <summary><c>constant-vus</c>: <see cref="ConstantVusOptions.Vus"/> VUs loop until the duration is up.</summary>
internal sealed class ConstantVus(ConstantVusOptions options) : IExecutor
{
    public Task RunAsync(ScenarioRuntime runtime)
    {
        // A run whose VU count may change live keeps its VUs on the ramping loop, which can start and retire them;
        // with nothing to change, the VUs simply loop.
        if (runtime.Run.Control.LiveLoad)
        {
            return new RampingVus(new RampingVusOptions
            {
                StartVus = options.Vus,
                Stages = [new Plans.Stage(options.Duration, options.Vus)],
                GracefulRampDown = runtime.Plan.GracefulStop,
            }).RunAsync(runtime);
        }

        var loops = new Task[options.Vus];
        for (var i = 0; i < loops.Length; i++)
        {
            loops[i] = runtime.RunLoopAsync(runtime.CreateVu(), static () => true);
        }

        return Task.WhenAll(loops);
    }
}
