using System.Net.Sockets;
using Stampede.Cli.Hosting;
using Stampede.Execution;
using Stampede.Metrics;
using Stampede.Outputs.Dashboard;
using Stampede.Plans;

namespace Stampede.Cli.Dashboard;

/// <summary>
/// <c>--dashboard</c>: the page, its event stream and its controls for one run, from before the first second
/// until the run's end (or <c>--dashboard-linger</c> after it).
/// </summary>
internal sealed class LiveDashboard : IAsyncDisposable
{
    private readonly DashboardHub _hub;
    private readonly DashboardServer _server;
    private readonly TimeSpan _linger;

    private LiveDashboard(DashboardHub hub, DashboardServer server, DashboardOutput output, DashboardControls controls, TimeSpan linger)
    {
        _hub = hub;
        _server = server;
        Output = output;
        Controls = controls;
        _linger = linger;
    }

    public DashboardOutput Output { get; }

    public DashboardControls Controls { get; }

    public DashboardHub Hub => _hub;

    public DashboardServer Server => _server;

    /// <summary>Reads the dashboard options; errors are the user's (a bad address, a bad linger).</summary>
    public static (DashboardAddress? Address, TimeSpan Linger) ReadOptions(RunSettings settings, List<PlanError> errors)
    {
        var address = DashboardAddress.Parse(settings.Dashboard, out var addressError);
        if (addressError is not null)
        {
            errors.Add(new PlanError("--dashboard", addressError));
        }

        var linger = TimeSpan.Zero;
        if (settings.DashboardLinger is { } lingerText && !Duration.TryParse(lingerText, out linger, out var lingerError))
        {
            errors.Add(new PlanError("--dashboard-linger", lingerError ?? $"'{lingerText}' is not a duration (e.g. 5m)"));
        }

        if (settings.DashboardToken is { Length: < 8 })
        {
            errors.Add(new PlanError("--dashboard-token", "a token must have at least 8 characters"));
        }

        if (settings.Dashboard is null && (settings.DashboardLinger is not null || settings.DashboardToken is not null))
        {
            errors.Add(new PlanError(settings.DashboardLinger is not null ? "--dashboard-linger" : "--dashboard-token", "needs --dashboard"));
        }

        return (address, linger);
    }

    /// <summary>
    /// Starts serving; null (with a one-line error written) when the address cannot be taken. With a
    /// <c>startForm</c> (<c>stampede ui</c>) the page waits for Start with it; without one the run starts at once.
    /// </summary>
    public static async Task<LiveDashboard?> StartAsync(IConsoleHost host, RunSettings settings, DashboardAddress address, TimeSpan linger, RunControl control, string plan, DashboardStartForm? startForm = null)
    {
        var beforeStart = startForm is not null;
        var token = settings.DashboardToken ?? DashboardAccess.NewToken();
        var access = new DashboardAccess(token, address.IsLoopback);
        var hub = new DashboardHub();
        var controls = new DashboardControls(control) { WaitingForStart = beforeStart };
        DashboardServer server;
        try
        {
            server = await DashboardServer.StartAsync(address, access, hub, controls.Apply, () => DashboardPage.Render(plan, startForm)).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or SocketException)
        {
            host.Error.WriteLine($"error: --dashboard {address.Address}:{address.Port}: cannot listen there ({exception.Message})");
            return null;
        }

        Announce(host, settings, server);
        if (startForm is not null)
        {
            hub.Waiting(DashboardFrame.Waiting(startForm));
        }

        return new LiveDashboard(hub, server, new DashboardOutput(hub, control, controls, host.Time), controls, linger);
    }

    /// <summary>The run is over: the page shows the verdict, links the HTML report when one was written, and stays up for the linger.</summary>
    public async Task FinishAsync(IConsoleHost host, RunResult result, string? reportFile, CancellationToken stop)
    {
        _server.ReportFile = reportFile;
        Output.Finish(result, reportFile is null ? null : DashboardServer.ReportPath.TrimStart('/'));
        await LingerAsync(host, _server, _linger, stop).ConfigureAwait(false);
    }

    /// <summary>Where the page is, and what the token is for when it listens beyond this machine; a fleet's dashboard says it the same way.</summary>
    internal static void Announce(IConsoleHost host, RunSettings settings, DashboardServer server)
    {
        host.Error.WriteLine($"dashboard: {server.PageLink}");
        if (!server.Access.Loopback)
        {
            host.Error.WriteLine(settings.DashboardToken is null
                ? $"dashboard token: {server.Access.Token} (generated: it listens beyond this machine, so watching needs it too; --dashboard-token sets one)"
                : "dashboard: listening beyond this machine; watching and control need the token");
        }
    }

    /// <summary>Keeps the page up after the run for <paramref name="linger"/>, or until Ctrl-C.</summary>
    internal static async Task LingerAsync(IConsoleHost host, DashboardServer server, TimeSpan linger, CancellationToken stop)
    {
        if (linger <= TimeSpan.Zero)
        {
            return;
        }

        host.Error.WriteLine($"dashboard: staying up for {Duration.Format(linger)} at {server.PageLink} (Ctrl-C to leave now)");
        try
        {
            await Task.Delay(linger, host.Time, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // left early
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
