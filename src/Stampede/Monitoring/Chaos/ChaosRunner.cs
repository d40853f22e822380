using System.Diagnostics;
using Stampede.Metrics;
using Stampede.Plans.Monitoring;

namespace Stampede.Monitoring.Chaos;

/// <summary>
/// Fires the plan's faults at their times (from the run's start, computed — not accumulated from sleeps) and notes
/// each as a <see cref="RunAnnotation"/>. A fault that fails (a command exits non-zero, an endpoint refuses) is still
/// annotated, with the failure, and logged with the run's errors; it never stops the run.
/// </summary>
internal sealed class ChaosRunner(ChaosPlan plan, FaultProxy? proxy, TimeProvider time, long startTimestamp, ErrorLog errors)
{
    private readonly List<RunAnnotation> _annotations = [];
    private readonly List<RunAnnotation> _firing = [];

    /// <summary>What fired so far, in time order.</summary>
    public IReadOnlyList<RunAnnotation> Annotations
    {
        get
        {
            lock (_annotations)
            {
                return [.. _annotations.OrderBy(a => a.At)];
            }
        }
    }

    /// <summary>
    /// What fired so far and what is firing now (its end still to come, or the end its window is planned for), in
    /// time order: a live view, so a fault shows while it lasts rather than once it is over.
    /// </summary>
    public IReadOnlyList<RunAnnotation> Live
    {
        get
        {
            lock (_annotations)
            {
                return [.. _annotations.Concat(_firing).OrderBy(a => a.At)];
            }
        }
    }

    /// <summary>Fires every fault due within <paramref name="length"/> until <paramref name="stop"/>.</summary>
    public Task RunAsync(TimeSpan length, CancellationToken stop) =>
        Task.WhenAll(plan.Faults.Select(fault => RunFaultAsync(fault, length, stop)));

    private async Task RunFaultAsync(FaultPlan fault, TimeSpan length, CancellationToken stop)
    {
        foreach (var at in fault.FiringTimes(length))
        {
            var wait = at - time.GetElapsedTime(startTimestamp);
            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, stop).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await FireAsync(fault, stop).ConfigureAwait(false);
        }
    }

    /// <summary>Runs one firing of <paramref name="fault"/> now and annotates it.</summary>
    public async Task FireAsync(FaultPlan fault, CancellationToken stop)
    {
        var started = Now();
        var firing = new RunAnnotation
        {
            At = Math.Round(started, 3),
            End = fault.For is { } window ? Math.Round(started + window.TotalSeconds, 3) : null,
            Name = fault.Name,
            Kind = fault.Action.Kind,
            Description = $"{fault.Name}: {fault.Action.Describe()} (firing)",
        };
        lock (_annotations)
        {
            _firing.Add(firing);
        }

        var outcome = "";
        try
        {
            outcome = fault.Action switch
            {
                CommandFault command => await RunCommandAsync(command, stop).ConfigureAwait(false),
                HttpFault http => await CallAsync(http, stop).ConfigureAwait(false),
                ProxyFault degrade => await DegradeAsync(degrade, fault.For ?? TimeSpan.Zero, stop).ConfigureAwait(false),
                DelegateFault code => await RunCodeAsync(code, stop).ConfigureAwait(false),
                _ => throw new UnreachableException(),
            };
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            errors.Record("chaos", exception);
            outcome = $" (failed: {exception.Message})";
        }
        catch (OperationCanceledException)
        {
            outcome = " (cut short: the run stopped)";
        }

        lock (_annotations)
        {
            _firing.Remove(firing);
            _annotations.Add(new RunAnnotation
            {
                At = Math.Round(started, 3),
                End = Math.Round(Now(), 3),
                Name = fault.Name,
                Kind = fault.Action.Kind,
                Description = $"{fault.Name}: {fault.Action.Describe()}{outcome}",
            });
        }
    }

    private double Now() => time.GetElapsedTime(startTimestamp).TotalSeconds;

    private static async Task<string> RunCommandAsync(CommandFault command, CancellationToken stop)
    {
        var info = OperatingSystem.IsWindows()
            ? new ProcessStartInfo("cmd.exe") { ArgumentList = { "/c", command.Command } }
            : new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", command.Command } };
        info.UseShellExecute = false;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"command '{command.Command}' did not start");
        var output = process.StandardOutput.ReadToEndAsync(stop);
        var error = process.StandardError.ReadToEndAsync(stop);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(command.Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"command '{command.Command}' ran longer than {Plans.Duration.Format(command.Timeout)} and was killed");
        }

        await Task.WhenAll(output, error).ConfigureAwait(false);
        return process.ExitCode == 0
            ? ""
            : throw new InvalidOperationException($"command '{command.Command}' exited with code {process.ExitCode}: {(await error.ConfigureAwait(false)).Trim()}");
    }

    private static async Task<string> CallAsync(HttpFault http, CancellationToken stop)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(new HttpMethod(http.Method), http.Url);
        foreach (var (name, value) in http.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (http.Body is { } body)
        {
            var json = body.TrimStart().StartsWith('{') || body.TrimStart().StartsWith('[');
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, json ? "application/json" : "text/plain");
        }

        using var response = await client.SendAsync(request, stop).ConfigureAwait(false);
        return $" → {(int)response.StatusCode}";
    }

    private async Task<string> DegradeAsync(ProxyFault degrade, TimeSpan window, CancellationToken stop)
    {
        if (proxy is null)
        {
            throw new InvalidOperationException("a proxy fault needs chaos.proxy");
        }

        proxy.Apply(degrade.Conditions);
        try
        {
            await Task.Delay(window, time, stop).ConfigureAwait(false);
        }
        finally
        {
            proxy.Clear();
        }

        return "";
    }

    private static async Task<string> RunCodeAsync(DelegateFault code, CancellationToken stop)
    {
        await code.Run(stop).ConfigureAwait(false);
        return "";
    }
}
