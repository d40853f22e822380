namespace Stampede.Yaml.Flows;

/// <summary><c>repeat: N</c> with <c>steps:</c> — runs the steps N times; <c>{{ repeat.index }}</c> counts from 0.</summary>
internal sealed record RepeatStep(int Count, Flow Body) : IFlowStep
{
    public async Task RunAsync(FlowRun run)
    {
        run.EnterRepeat(0);
        try
        {
            for (var i = 0; i < Count; i++)
            {
                run.SetRepeat(i);
                await Body.RunAsync(run).ConfigureAwait(false);
            }
        }
        finally
        {
            run.ExitRepeat();
        }
    }
}
