using Stampede.Metrics;
using Stampede.Outputs;

namespace Stampede.Cli.Outputs;

/// <summary>Keeps one failing output (a full disk, a bad path) from taking the others or the summary down with it.</summary>
internal sealed class GuardedOutput(IOutput inner, string name, List<string> failures) : IOutput, IRawSampleOutput
{
    public bool WantsRawSamples => inner is IRawSampleOutput { WantsRawSamples: true };

    public void AttachSamples(Metrics.SampleTap tap) => Guard(() => ((IRawSampleOutput)inner).AttachSamples(tap), "attach to samples");

    public void Start(RunInfo run) => Guard(() => inner.Start(run), "start");

    public void OnSecond(LiveSnapshot snapshot) => Guard(() => inner.OnSecond(snapshot), "update");

    public async Task EndAsync(RunResult result, CancellationToken cancellationToken)
    {
        try
        {
            await inner.EndAsync(result, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            lock (failures)
            {
                failures.Add($"output {name} failed: {exception.Message}");
            }
        }
    }

    private void Guard(Action action, string what)
    {
        try
        {
            action();
        }
        catch (Exception exception)
        {
            lock (failures)
            {
                failures.Add($"output {name} failed to {what}: {exception.Message}");
            }
        }
    }
}
