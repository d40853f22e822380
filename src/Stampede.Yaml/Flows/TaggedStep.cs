using Stampede.Metrics;

namespace Stampede.Yaml.Flows;

/// <summary>A request or streaming step with <c>tags:</c>: everything it records (its protocol's metrics, checks, custom metrics) carries them.</summary>
internal sealed record TaggedStep(TagSet Tags, IFlowStep Step) : IFlowStep
{
    public Task RunAsync(FlowRun run) => run.WithTagsAsync(Tags, () => Step.RunAsync(run));
}
