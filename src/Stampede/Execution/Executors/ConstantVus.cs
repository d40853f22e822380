using Stampede.Plans.Executors;

namespace Stampede.Execution.Executors;

/// <summary><c>constant-vus</c>: <see cref="ConstantVusOptions.Vus"/> VUs loop until the duration is up.</summary>
internal sealed class ConstantVus(ConstantVusOptions options) : IExecutor
{
    public Task RunAsync(ScenarioRuntime runtime)
    {
        var loops = new Task[options.Vus];
        for (var i = 0; i < loops.Length; i++)
        {
            loops[i] = runtime.RunLoopAsync(runtime.CreateVu(), static () => true);
        }

        return Task.WhenAll(loops);
    }
}
