using Stampede.Execution;
using Stampede.Plans.Executors;

namespace Stampede.Plans;

/// <summary>One scenario: a named workload with its executor, its iteration and its own tags and environment.</summary>
public sealed record ScenarioPlan
{
    /// <summary>The scenario's name; also the <c>scenario</c> tag on its samples.</summary>
    public required string Name { get; init; }

    /// <summary>When and how many iterations run.</summary>
    public required ExecutorOptions Executor { get; init; }

    /// <summary>What one iteration does.</summary>
    public required Func<VuContext, Task> Iteration { get; init; }

    /// <summary>Delay from the start of the run until this scenario starts. Default 0.</summary>
    public TimeSpan StartTime { get; init; }

    /// <summary>How long running iterations may finish after the scenario's time is up before they are interrupted. Default 30s.</summary>
    public TimeSpan GracefulStop { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Tags added to every sample of this scenario.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Environment variables this scenario's VUs see on top of the plan's.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>The latest moment (from the run's start) at which this scenario can still be running.</summary>
    public TimeSpan MaxEnd => StartTime + Executor.ScheduledDuration + GracefulStop
        + (Executor is RampingVusOptions ramping ? ramping.GracefulRampDown : TimeSpan.Zero);
}
