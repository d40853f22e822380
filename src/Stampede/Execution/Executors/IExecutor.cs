namespace Stampede.Execution.Executors;

/// <summary>Decides when iterations run and on how many VUs. Knows nothing of protocols.</summary>
internal interface IExecutor
{
    /// <summary>Readies what must exist before the scenario's clock starts (an open model's pre-allocated VUs).</summary>
    Task PrepareAsync(ScenarioRuntime runtime) => Task.CompletedTask;

    /// <summary>Runs the scenario's schedule; returns when every VU of it has stopped.</summary>
    Task RunAsync(ScenarioRuntime runtime);
}
