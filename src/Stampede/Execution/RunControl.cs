using Stampede.Metrics;

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
    private readonly Lock _gate = new();
    private readonly List<RunAnnotation> _actions = [];
    private Func<TimeSpan>? _elapsed;
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

    /// <summary>
    /// Notes a change made to the running test from outside (the dashboard's or <c>stampede control</c>'s stop,
    /// pause, VU or rate change) at the run second it happened; the result lists it with the run's faults.
    /// </summary>
    public void Annotate(string description)
    {
        lock (_gate)
        {
            var at = _elapsed is { } elapsed ? Math.Round(elapsed().TotalSeconds, 3) : 0;
            _actions.Add(new RunAnnotation { At = at, Kind = RunAnnotation.ControlKind, Description = description });
        }
    }

    /// <summary>The control actions so far, in order.</summary>
    public IReadOnlyList<RunAnnotation> Annotations
    {
        get
        {
            lock (_gate)
            {
                return [.. _actions];
            }
        }
    }

    /// <summary>The engine says where the run's clock starts, so that actions are placed in run seconds.</summary>
    internal void StartClock(Func<TimeSpan> elapsed)
    {
        lock (_gate)
        {
            _elapsed = elapsed;
        }
    }
}
