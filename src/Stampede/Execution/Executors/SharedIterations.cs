using Stampede.Plans.Executors;

namespace Stampede.Execution.Executors;

/// <summary><c>shared-iterations</c>: VUs take iterations from one shared count until it is used up or maxDuration passes.</summary>
internal sealed class SharedIterations(SharedIterationsOptions options) : IExecutor
{
    public async Task RunAsync(ScenarioRuntime runtime)
    {
        long remaining = options.Iterations;
        var loops = new Task[Math.Min(options.Vus, options.Iterations)];
        for (var i = 0; i < loops.Length; i++)
        {
            loops[i] = runtime.RunLoopAsync(runtime.CreateVu(), () => Interlocked.Decrement(ref remaining) >= 0);
        }

        await Task.WhenAll(loops).ConfigureAwait(false);
        runtime.FinishSchedule();
    }
}
