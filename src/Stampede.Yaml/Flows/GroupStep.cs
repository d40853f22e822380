namespace Stampede.Yaml.Flows;

/// <summary><c>group: NAME</c> with <c>steps:</c> — the steps' samples carry the group tag and the group's time is recorded.</summary>
internal sealed record GroupStep(string Name, Flow Body) : IFlowStep
{
    public Task RunAsync(FlowRun run) => run.Vu.Group(Name, () => Body.RunAsync(run));
}
