using Stampede.Execution.Executors;
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
    private TaskCompletionSource? _paused;
    private VuChange? _vus;
    private RateChange? _rate;
    private long _changes;
    private long _skipped;

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

    /// <summary>
    /// True when the run's load may be changed while it goes (<see cref="SetVus"/>, <see cref="SetRate"/>): its
    /// constant-vus scenarios then run on the ramping loop, which can start and retire VUs. Set before the run starts.
    /// </summary>
    public bool LiveLoad { get; init; }

    /// <summary>Whether iterations are paused: none starts until <see cref="Resume"/>; running ones finish.</summary>
    public bool Paused => Volatile.Read(ref _paused) is not null;

    /// <summary>
    /// Starts no more iterations until <see cref="Resume"/>. The schedule's clock does not stop: paused time counts
    /// against each scenario's duration, and an arrival-rate scenario's arrivals due meanwhile are skipped, not queued
    /// or counted as dropped. False when already paused.
    /// </summary>
    public bool Pause()
    {
        lock (_gate)
        {
            if (_paused is not null)
            {
                return false;
            }

            _paused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return true;
        }
    }

    /// <summary>Lets iterations start again. False when not paused.</summary>
    public bool Resume()
    {
        TaskCompletionSource? paused;
        lock (_gate)
        {
            paused = _paused;
            _paused = null;
        }

        paused?.TrySetResult();
        return paused is not null;
    }

    /// <summary>Arrival-rate arrivals skipped because the run was paused.</summary>
    public long SkippedArrivals => Interlocked.Read(ref _skipped);

    internal void SkipArrival() => Interlocked.Increment(ref _skipped);

    /// <summary>Waits while the run is paused (a VU about to start an iteration).</summary>
    internal ValueTask WhilePausedAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _paused) is { } paused ? new ValueTask(paused.Task.WaitAsync(cancellationToken)) : ValueTask.CompletedTask;

    /// <summary>
    /// VU-based scenarios (constant-vus with <see cref="LiveLoad"/>, ramping-vus) run <paramref name="vus"/> VUs each
    /// from now on, moving there at <paramref name="rampPerSecond"/> VUs a second, or at once when it is null.
    /// </summary>
    public void SetVus(int vus, double? rampPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(vus);
        Volatile.Write(ref _vus, new VuChange(vus, rampPerSecond is > 0 ? rampPerSecond : null, Interlocked.Increment(ref _changes)));
    }

    /// <summary>Arrival-rate scenarios start <paramref name="perSecond"/> iterations a second each from now on, to the end of their duration (more than 0: to start none, <see cref="Pause"/>).</summary>
    public void SetRate(double perSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        Volatile.Write(ref _rate, new RateChange(perSecond, Interlocked.Increment(ref _changes)));
    }

    /// <summary>The latest VU change, or null when none was asked for.</summary>
    internal VuChange? VuTarget => Volatile.Read(ref _vus);

    /// <summary>The latest rate change, or null when none was asked for.</summary>
    internal RateChange? RateTarget => Volatile.Read(ref _rate);

    /// <summary>The engine says where the run's clock starts, so that actions are placed in run seconds.</summary>
    internal void StartClock(Func<TimeSpan> elapsed)
    {
        lock (_gate)
        {
            _elapsed = elapsed;
        }
    }
}
