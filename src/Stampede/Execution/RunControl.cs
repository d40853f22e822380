namespace Stampede.Execution;

/// <summary>
/// Stops a running test from outside: the CLI wires Ctrl-C and SIGTERM here, thresholds with
/// <c>abortOnFail</c> and run limits use it too. A graceful stop lets running iterations finish within each
/// scenario's <c>gracefulStop</c>; a hard stop interrupts them at once. Either way the run still produces its result.
/// </summary>
public sealed class RunControl
{
    private readonly CancellationTokenSource _graceful = new();
    private readonly CancellationTokenSource _hard = new();
    private string? _reason;

    /// <summary>Why the run was stopped early, or null when it ran its course.</summary>
    public string? StopReason => Volatile.Read(ref _reason);

    /// <summary>Cancelled when a graceful stop is requested.</summary>
    public CancellationToken Graceful => _graceful.Token;

    /// <summary>Cancelled when a hard stop is requested.</summary>
    public CancellationToken Hard => _hard.Token;

    /// <summary>Stop starting iterations; let running ones finish within their scenario's gracefulStop.</summary>
    public void RequestStop(string reason)
    {
        Interlocked.CompareExchange(ref _reason, reason, null);
        _graceful.Cancel();
    }

    /// <summary>Interrupt everything now (a second Ctrl-C). The result is still written.</summary>
    public void RequestHardStop(string reason)
    {
        Interlocked.CompareExchange(ref _reason, reason, null);
        _graceful.Cancel();
        _hard.Cancel();
    }
}
