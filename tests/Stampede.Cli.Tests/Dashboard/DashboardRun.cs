using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Stampede.Cli.Tests.Dashboard;

/// <summary>A <c>stampede run … --dashboard 127.0.0.1:0</c> run in-process, with the dashboard address it printed.</summary>
internal sealed partial class DashboardRun
{
    private DashboardRun(TestConsoleHost host, Task<int> run, Uri address, string token)
    {
        Host = host;
        Run = run;
        Address = address;
        Token = token;
    }

    public TestConsoleHost Host { get; }

    public Task<int> Run { get; }

    /// <summary>The dashboard's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

    public string Token { get; }

    /// <summary>The page address with the token, as the run printed it.</summary>
    public string PageLink => $"{Address}#token={Token}";

    /// <summary>Starts a run of <paramref name="args"/> (plus a loopback dashboard on a free port) and waits for its dashboard.</summary>
    public static async Task<DashboardRun> StartAsync(params string[] args)
    {
        var host = new TestConsoleHost();
        var run = Task.Run(() => StampedeCli.RunAsync([.. args, "--dashboard", "127.0.0.1:0", "--no-history", "--quiet"], host));
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (Link().Match(host.Errors) is { Success: true } match)
            {
                return new DashboardRun(host, run, new Uri(match.Groups["address"].Value), match.Groups["token"].Value);
            }

            if (run.IsCompleted)
            {
                break;
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"the run printed no dashboard address: {host.Errors}");
    }

    /// <summary>Waits for the run to end (bounded), for its exit code.</summary>
    public async Task<int> EndAsync() => await Run.WaitAsync(TimeSpan.FromSeconds(60));

    [GeneratedRegex(@"dashboard: (?<address>http://[^/\s]+/)#token=(?<token>[0-9a-f]+)")]
    private static partial Regex Link();
}
