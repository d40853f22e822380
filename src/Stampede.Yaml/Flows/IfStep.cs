namespace Stampede.Yaml.Flows;

/// <summary><c>if:</c> with <c>steps:</c> and an optional <c>else:</c>.</summary>
internal sealed record IfStep(Condition Condition, Flow Then, Flow? Else) : IFlowStep
{
    public Task RunAsync(FlowRun run) =>
        Condition.Test(run) ? Then.RunAsync(run) : Else?.RunAsync(run) ?? Task.CompletedTask;
}
