namespace Stampede.Yaml.Flows;

/// <summary>One step of a user journey: a request, a group, a pause, a loop or a condition.</summary>
internal interface IFlowStep
{
    Task RunAsync(FlowRun run);
}
