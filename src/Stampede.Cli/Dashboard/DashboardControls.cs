using Stampede.Execution;

namespace Stampede.Cli.Dashboard;

/// <summary>
/// Applies a <see cref="ControlRequest"/> to the run, the same way whether it came from the page or from
/// <c>stampede control</c>, and notes every change in the result (<see cref="RunControl.Annotate"/>).
/// </summary>
internal sealed class DashboardControls(RunControl control)
{
    public const string StopReason = "stopped from the dashboard";

    private readonly TaskCompletionSource<ControlRequest> _start = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Paused => false;

    /// <summary>For <c>stampede ui</c>: completes when Start is pressed, with what the form said.</summary>
    public Task<ControlRequest> Started => _start.Task;

    /// <summary>True while a <c>stampede ui</c> page waits for Start.</summary>
    public bool WaitingForStart { get; set; }

    /// <summary>Status code and what to tell the caller.</summary>
    public (int Status, string Message) Apply(ControlRequest request)
    {
        if (request.Action == ControlRequest.Start)
        {
            if (!WaitingForStart || !_start.TrySetResult(request))
            {
                return (409, "the run has already started");
            }

            return (200, "starting");
        }

        if (WaitingForStart && !_start.Task.IsCompleted)
        {
            return (409, "the run has not started yet: press Start first");
        }

        if (control.Graceful.IsCancellationRequested)
        {
            return (409, $"the run is already stopping ({control.StopReason})");
        }

        switch (request.Action)
        {
            case ControlRequest.Stop:
                control.Annotate("stop: " + StopReason);
                control.RequestStop(StopReason);
                return (200, "stopping: running iterations may finish within their gracefulStop");
            default:
                return (501, $"'{request.Action}' is not available in this run");
        }
    }
}
