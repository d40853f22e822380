using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Stampede.Reports.Tests.Support;

/// <summary>
/// A real server binary (Prometheus, the Pushgateway) started for one test on a free loopback port with its own
/// temporary data folder; stopped (this process only) and cleaned up on dispose.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private ServerProcess(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts <paramref name="executable"/> with the arguments <paramref name="arguments"/> makes from (data folder, port) and waits for its readiness URL.</summary>
    public static async Task<ServerProcess> StartAsync(string executable, Func<string, int, IEnumerable<string>> arguments, string readyPath)
    {
        var folder = Directory.CreateTempSubdirectory("stampede-server-").FullName;
        var port = FreePort();
        var start = new ProcessStartInfo(executable) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments(folder, port))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start");
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new ServerProcess(process, folder, port);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                using var response = await client.GetAsync(new Uri(server.BaseAddress, readyPath));
                if (response.IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        await server.DisposeAsync();
        throw new InvalidOperationException($"{executable} did not become ready on port {port}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
