using Stampede.Metrics;

namespace Stampede.Yaml.Flows;

/// <summary><c>group: NAME</c> with <c>steps:</c> — the steps' samples carry the group tag (and the group's <c>tags:</c>) and the group's time is recorded.</summary>
internal sealed record GroupStep(string Name, Flow Body, TagSet? Tags = null) : IFlowStep
{
    public Task RunAsync(FlowRun run) => run.InGroupAsync(Name, Tags, () => Body.RunAsync(run));
}
