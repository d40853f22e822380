using System.Diagnostics;
using Stampede.Plans.Monitoring;

namespace Stampede.Monitoring.Processes;

/// <summary>
/// Starts the target's command, waits until its ready URL answers 200, and stops it at the end: SIGTERM to the
/// process and its descendants (a shell may have forked the real server), then a kill after
/// <see cref="TargetPlan.StopTimeout"/>. Its output is read and dropped, keeping the last lines for error messages.
/// </summary>
internal sealed class TargetProcess : IAsyncDisposable
{
    private const int KeptLines = 5;
    private readonly TargetPlan _plan;
    private readonly TimeProvider _time;
    private readonly Queue<string> _lastLines = new();
    private Process? _process;

    public TargetProcess(TargetPlan plan, TimeProvider time)
    {
        _plan = plan;
        _time = time;
    }

    /// <summary>The running process's id, or null before start and after exit.</summary>
    public int? Pid => _process is { HasExited: false } process ? process.Id : null;

    /// <summary>Starts the command and waits for readiness; throws <see cref="TargetStartException"/> with a clear message when it cannot.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var info = OperatingSystem.IsWindows()
            ? new ProcessStartInfo("cmd.exe") { ArgumentList = { "/c", _plan.Command! } }
            : new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", _plan.Command! } };
        info.UseShellExecute = false;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = true;
        if (_plan.WorkingDirectory is { } directory)
        {
            info.WorkingDirectory = directory;
        }

        try
        {
            _process = Process.Start(info) ?? throw new TargetStartException($"target command '{_plan.Command}' did not start");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new TargetStartException($"target command '{_plan.Command}' could not start: {exception.Message}");
        }

        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (_plan.Ready is { } ready)
        {
            await WaitReadyAsync(ready, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WaitReadyAsync(Uri ready, CancellationToken cancellationToken)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(2) };
        var started = _time.GetTimestamp();
        var last = "no answer yet";
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new TargetStartException($"target command '{_plan.Command}' exited with code {_process.ExitCode} before {ready} answered 200{Output()}");
            }

            try
            {
                using var response = await client.GetAsync(ready, cancellationToken).ConfigureAwait(false);
                if ((int)response.StatusCode == 200)
                {
                    return;
                }

                last = $"last answer {(int)response.StatusCode}";
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                last = $"last error: {exception.Message}";
            }

            if (_time.GetElapsedTime(started) >= _plan.ReadyTimeout)
            {
                throw new TargetStartException($"target not ready: {ready} did not answer 200 within {Plans.Duration.Format(_plan.ReadyTimeout)} ({last}){Output()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the target: SIGTERM to it and its descendants, then a kill after the stop timeout.</summary>
    public async Task StopAsync()
    {
        if (_process is not { } process || process.HasExited)
        {
            return;
        }

        var tree = ProcessTree.IsSupported ? ProcessTree.Read(process.Id).Select(s => s.Pid).ToList() : [process.Id];
        var signalled = await PosixSignals.TerminateAsync(tree).ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(signalled ? _plan.StopTimeout : TimeSpan.Zero, _time);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _process?.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > KeptLines)
            {
                _lastLines.Dequeue();
            }
        }
    }

    private string Output()
    {
        lock (_lastLines)
        {
            return _lastLines.Count == 0 ? "" : "; its last output: " + string.Join(" | ", _lastLines);
        }
    }
}
