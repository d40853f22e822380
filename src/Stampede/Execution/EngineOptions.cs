using Stampede.Outputs;

namespace Stampede.Execution;

/// <summary>How the engine runs a plan: its clock, its outputs and its stop control.</summary>
public sealed record EngineOptions
{
    /// <summary>
    /// The clock every timer of the run follows: scenario durations, graceful stops, the one-second tick, arrival
    /// schedules, VU sleeps, setup and teardown timeouts. Default: the system's.
    /// </summary>
#pragma warning disable RS0030 // the library's composition root: a run given no clock runs on the system's
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// The run's clock is the system's, so the arrival scheduler may wait on the operating system's own timers (a
    /// timerfd on the socket loop, nanosleep), finer than a <see cref="TimeProvider"/>'s; any other clock moves only
    /// when its owner moves it, and is waited on through its own timers.
    /// </summary>
    internal bool OnSystemClock => ReferenceEquals(Time, TimeProvider.System);
#pragma warning restore RS0030

    /// <summary>Where progress and the result go.</summary>
    public IReadOnlyList<IOutput> Outputs { get; init; } = [];

    /// <summary>Stops the run from outside (signals, limits). Default: a fresh one.</summary>
    public RunControl Control { get; init; } = new();

    /// <summary>Stampede's version, for the result's metadata.</summary>
    public string ToolVersion { get; init; } = typeof(Engine).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>The machine's name, for the result's metadata.</summary>
    public string Host { get; init; } = "";

    /// <summary>
    /// Start open-model iterations on the arrival scheduler's own thread instead of queuing each one to the
    /// thread pool. Default false. It saves a thread hop and a wake-up per arrival (at 20,000 arrivals a second on
    /// one core that is most of the scheduler's cost), but an iteration that blocks before its first await then
    /// delays the arrivals after it: only for flows that never block, such as Stampede's own YAML and URL tests.
    /// </summary>
    public bool StartArrivalsInline { get; init; }

    /// <summary>
    /// Serve plain-HTTP/1.1 connections from Stampede's own epoll loop (Linux) instead of .NET's socket engine.
    /// Default false. Responses are read where epoll reports them and the awaiting iteration continues on the loop's
    /// one thread, like wrk; but a step that blocks then stalls every VU's connections: only for flows that never
    /// block, such as Stampede's own YAML and URL tests.
    /// </summary>
    public bool SocketEventLoop { get; init; }

    /// <summary>
    /// The share of the plan this run generates, when several machines split one plan between them (k6's
    /// <c>--execution-segment</c>). Default null: the whole plan.
    /// </summary>
    public Plans.ExecutionSegment? Segment { get; init; }

    /// <summary>
    /// How the whole load is cut into segments (k6's <c>--execution-segment-sequence</c>); give every machine of a
    /// distributed run the same one. Default null: the segment is striped with the rest of 0 to 1 around it.
    /// </summary>
    public Plans.ExecutionSegmentSequence? SegmentSequence { get; init; }

    /// <summary>Where setup and teardown run in a run split across machines; null: here, as usual.</summary>
    internal IRunLifecycle? Lifecycle { get; init; }

    /// <summary>Longest the outputs may take to write at the end. Default 60s.</summary>
    public TimeSpan OutputTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
