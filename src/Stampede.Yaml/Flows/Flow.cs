namespace Stampede.Yaml.Flows;

/// <summary>An ordered list of steps: a scenario's journey, a group's body, setup or teardown.</summary>
internal sealed record Flow(IReadOnlyList<IFlowStep> Steps)
{
    public async Task RunAsync(FlowRun run)
    {
        foreach (var step in Steps)
        {
            run.Vu.CancellationToken.ThrowIfCancellationRequested();
            await step.RunAsync(run).ConfigureAwait(false);
        }
    }
}
