namespace Stampede.Yaml.Flows;

/// <summary><c>think:</c> — a pause drawn from <see cref="ThinkTime"/>.</summary>
internal sealed record ThinkStep(ThinkTime Time) : IFlowStep
{
    public Task RunAsync(FlowRun run) => run.Vu.SleepAsync(Time.Sample(run.Vu.Random)).AsTask();
}
