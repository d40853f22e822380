using Stampede.Plans.Executors;

namespace Stampede.Execution.Executors;

/// <summary><c>per-vu-iterations</c>: each VU runs exactly <see cref="PerVuIterationsOptions.Iterations"/> iterations, within maxDuration.</summary>
internal sealed class PerVuIterations(PerVuIterationsOptions options) : IExecutor
{
    public async Task RunAsync(ScenarioRuntime runtime)
    {
        var loops = new Task[options.Vus];
        for (var i = 0; i < loops.Length; i++)
        {
            var remaining = options.Iterations;
            loops[i] = runtime.RunLoopAsync(runtime.CreateVu(), () => remaining-- > 0);
        }

        await Task.WhenAll(loops).ConfigureAwait(false);
        runtime.FinishSchedule();
    }
}
