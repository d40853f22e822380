using Stampede.Execution;

namespace Stampede.Cli.Dashboard;

/// <summary>
/// Applies a <see cref="ControlRequest"/> to the run, the same way whether it came from the page or from
/// <c>stampede control</c>, and notes every change in the result (<see cref="RunControl.Annotate"/>).
/// </summary>
internal sealed class DashboardControls(RunControl control)
{
    private static readonly string[] VuExecutors = ["constant-vus", "ramping-vus"];
    private static readonly string[] RateExecutors = ["constant-arrival-rate", "ramping-arrival-rate"];

    public const string StopReason = "stopped from the dashboard";

    private readonly TaskCompletionSource<ControlRequest> _start = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Paused => control.Paused;

    /// <summary>The executors of the plan being run, to tell which changes apply; set when the run starts.</summary>
    public IReadOnlyList<string> Executors { get; set; } = [];

    /// <summary>For <c>stampede ui</c>: completes when Start is pressed, with what the form said.</summary>
    public Task<ControlRequest> Started => _start.Task;

    /// <summary>True while a <c>stampede ui</c> page waits for Start.</summary>
    public bool WaitingForStart { get; set; }

    /// <summary>For <c>stampede ui</c>: what is wrong with a Start's form (the plan would not load or validate with it), or null to start.</summary>
    public Func<ControlRequest, string?>? CheckStart { get; set; }

    /// <summary>Ends the wait for Start (the command gives up); false when Start came first.</summary>
    public bool GiveUpStart() => _start.TrySetCanceled();

    /// <summary>Status code and what to tell the caller.</summary>
    public (int Status, string Message) Apply(ControlRequest request)
    {
        if (request.Action == ControlRequest.Start)
        {
            if (_start.Task.IsCanceled)
            {
                return (409, "nobody pressed Start in time: stampede ui has given up");
            }

            if (!WaitingForStart || _start.Task.IsCompleted)
            {
                return (409, "the run has already started");
            }

            if (CheckStart?.Invoke(request) is { } problem)
            {
                return (400, problem);
            }

            if (!_start.TrySetResult(request))
            {
                return (409, _start.Task.IsCanceled ? "nobody pressed Start in time: stampede ui has given up" : "the run has already started");
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
            case ControlRequest.Pause:
                if (!control.Pause())
                {
                    return (409, "already paused");
                }

                control.Annotate("pause: no new iterations");
                return (200, "paused: running iterations finish, no new ones start (the scenarios' time keeps running)");
            case ControlRequest.Resume:
                if (!control.Resume())
                {
                    return (409, "not paused");
                }

                control.Annotate("resume");
                return (200, "resumed");
            case ControlRequest.SetVus:
                if (request.Vus is not { } vus)
                {
                    return (400, "say how many: {\"action\":\"vus\",\"vus\":N}");
                }

                if (!Executors.Any(VuExecutors.Contains))
                {
                    return (409, "no scenario of this run has a VU count to change (constant-vus or ramping-vus); arrival-rate scenarios take a rate");
                }

                control.SetVus(vus, request.Ramp);
                var ramp = request.Ramp is { } r and > 0 ? FormattableString.Invariant($" at {r:0.##} VUs/s") : "";
                control.Annotate($"vus: {vus}{ramp}");
                return (200, $"VUs: moving to {vus}{ramp}");
            case ControlRequest.SetRate:
                if (request.Rate is not { } rate || rate <= 0)
                {
                    return (400, "say a rate above 0 ({\"action\":\"rate\",\"rate\":R}); to start nothing, pause");
                }

                if (!Executors.Any(RateExecutors.Contains))
                {
                    return (409, "no scenario of this run has an arrival rate to change (constant-arrival-rate or ramping-arrival-rate); VU scenarios take a VU count");
                }

                control.SetRate(rate);
                control.Annotate(FormattableString.Invariant($"rate: {rate:0.###}/s"));
                return (200, FormattableString.Invariant($"rate: {rate:0.###} iterations/s from now"));
            default:
                return (400, $"unknown action '{request.Action}'");
        }
    }
}
