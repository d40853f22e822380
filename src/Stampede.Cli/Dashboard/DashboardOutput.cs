using Stampede.Execution;
using Stampede.Metrics;
using Stampede.Outputs;
using Stampede.Outputs.Dashboard;

namespace Stampede.Cli.Dashboard;

/// <summary>
/// The dashboard's output: turns each second's snapshot into one frame, once, and hands it to the hub; a
/// browser's pace never reaches back here (<see cref="DashboardClient"/>).
/// </summary>
internal sealed class DashboardOutput(DashboardHub hub, RunControl control, DashboardControls controls, TimeProvider time) : IOutput
{
    private Plans.TestPlan? _plan;
    private DateTimeOffset _startedAt;

    public void Start(RunInfo run)
    {
        _plan = run.Plan;
        controls.Executors = [.. run.Plan.Scenarios.Select(s => s.Executor.Type)];
        _startedAt = time.GetUtcNow();
    }

    public void OnSecond(LiveSnapshot snapshot)
    {
        if (_plan is null)
        {
            return;
        }

        hub.Publish(DashboardFrame.Write(snapshot, _plan, _startedAt, new DashboardState(controls.Paused, Events(snapshot), hub.DroppedFrames)));
    }

    /// <summary>Faults and control actions so far, in run seconds: what the result's annotations will say, verdicts aside.</summary>
    private IReadOnlyList<RunAnnotation> Events(LiveSnapshot snapshot) =>
        snapshot.Faults.Count == 0 ? control.Annotations : [.. snapshot.Faults.Concat(control.Annotations).OrderBy(a => a.At)];

    public Task EndAsync(RunResult result, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The run is over and every output has written its files: the last frame links the report, when there is one.</summary>
    public void Finish(RunResult result, string? reportLink) =>
        hub.End(DashboardFrame.End(result, reportLink, new DashboardState(false, result.Annotations, hub.DroppedFrames)));
}
