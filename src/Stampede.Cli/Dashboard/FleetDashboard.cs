using System.Net.Sockets;
using Stampede.Cli.Coordination;
using Stampede.Cli.Hosting;
using Stampede.Metrics;
using Stampede.Outputs.Dashboard;
using Stampede.Plans;

namespace Stampede.Cli.Dashboard;

/// <summary>
/// <c>stampede coordinate … --dashboard</c>: the coordinator serves one page for the whole fleet, from the workers'
/// progress added up each second (<see cref="FleetFrame"/>), and at the end the merged result. Stop reaches every
/// worker (as an <c>abortOnFail</c> does); pause, VUs and rate are a single run's controls and are refused here.
/// </summary>
internal sealed class FleetDashboard : IAsyncDisposable
{
    public const string NotForFleet = "not available in a coordinated run: stop reaches every worker; pause, resume, VUs and rate are a single run's controls (stampede run --dashboard)";

    private readonly DashboardHub _hub;
    private readonly DashboardServer _server;
    private readonly CoordinatedRun _run;
    private readonly IReadOnlyList<ThresholdPlan> _thresholds;
    private readonly TimeSpan _linger;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly List<RunAnnotation> _events = [];
    private (long Requests, long Failures, long Iterations) _previous;
    private int _second;

    private FleetDashboard(DashboardHub hub, DashboardServer server, CoordinatedRun run, IReadOnlyList<ThresholdPlan> thresholds, TimeSpan linger, TimeProvider time)
    {
        _hub = hub;
        _server = server;
        _run = run;
        _thresholds = thresholds;
        _linger = linger;
        _time = time;
    }

    /// <summary>The control actions taken on the fleet, for the merged result.</summary>
    public IReadOnlyList<RunAnnotation> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Starts serving; null (with a one-line error written) when the address cannot be taken.</summary>
    public static async Task<FleetDashboard?> StartAsync(IConsoleHost host, RunSettings settings, DashboardAddress address, TimeSpan linger, CoordinatedRun run, string plan, IReadOnlyList<ThresholdPlan> thresholds)
    {
        var access = new DashboardAccess(settings.DashboardToken ?? DashboardAccess.NewToken(), address.IsLoopback);
        var hub = new DashboardHub();
        FleetDashboard? fleet = null;
        DashboardServer server;
        try
        {
            server = await DashboardServer.StartAsync(address, access, hub, request => fleet!.Apply(request), () => DashboardPage.Render(plan, fleet: true)).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or SocketException)
        {
            host.Error.WriteLine($"error: --dashboard {address.Address}:{address.Port}: cannot listen there ({exception.Message})");
            return null;
        }

        fleet = new FleetDashboard(hub, server, run, thresholds, linger, host.Time);
        LiveDashboard.Announce(host, settings, server);
        return fleet;
    }

    /// <summary>One more second of the run (called by the coordinator's loop once the workers have started).</summary>
    public void OnSecond(DateTimeOffset startAt)
    {
        var workers = _run.Workers();
        var total = (Requests: workers.Sum(w => w.Progress.Requests), Failures: workers.Sum(w => w.Progress.Errors), Iterations: workers.Sum(w => w.Progress.Iterations));
        IReadOnlyList<RunAnnotation> events;
        (long, long, long) lastSecond;
        int second;
        lock (_gate)
        {
            lastSecond = (Math.Max(0, total.Requests - _previous.Requests), Math.Max(0, total.Failures - _previous.Failures), Math.Max(0, total.Iterations - _previous.Iterations));
            _previous = total;
            second = ++_second;
            events = [.. _events];
        }

        _hub.Publish(FleetFrame.Write(second, startAt, _time.GetUtcNow() - startAt, lastSecond, workers, _thresholds, events, _hub.DroppedFrames));
    }

    /// <summary>The merged result is in: the page shows its verdict, links its HTML report when one was written, and stays up for the linger.</summary>
    public async Task FinishAsync(IConsoleHost host, RunResult merged, string? reportFile, CancellationToken stop)
    {
        _server.ReportFile = reportFile;
        _hub.End(DashboardFrame.End(merged, reportFile is null ? null : DashboardServer.ReportPath.TrimStart('/'), new DashboardState(false, merged.Annotations, _hub.DroppedFrames)));
        await LiveDashboard.LingerAsync(host, _server, _linger, stop).ConfigureAwait(false);
    }

    private (int Status, string Message) Apply(ControlRequest request)
    {
        switch (request.Action)
        {
            case ControlRequest.Stop:
                if (_run.StartAt is not { } startAt)
                {
                    return (409, "the workers have not started yet");
                }

                if (!_run.RequestStop(DashboardControls.StopReason))
                {
                    return (409, $"the run is already stopping ({_run.StopReason})");
                }

                lock (_gate)
                {
                    var at = Math.Max(0, Math.Round((_time.GetUtcNow() - startAt).TotalSeconds, 3));
                    _events.Add(new RunAnnotation { At = at, Kind = RunAnnotation.ControlKind, Description = "stop: " + DashboardControls.StopReason });
                }

                return (200, "stopping every worker: running iterations may finish within their gracefulStop");
            case ControlRequest.Start:
                return (409, "a coordinated run starts when every worker has joined");
            default:
                return (409, NotForFleet);
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
