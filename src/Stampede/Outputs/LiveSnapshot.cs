using Stampede.Metrics;

namespace Stampede.Outputs;

/// <summary>The state of a run after one more second, for live views and exporters.</summary>
public sealed record LiveSnapshot
{
    /// <summary>Time since the run started.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Seconds collected so far.</summary>
    public int Second { get; init; }

    /// <summary>Active VUs.</summary>
    public int Vus { get; init; }

    /// <summary>Allocated VUs.</summary>
    public int VusMax { get; init; }

    /// <summary>Per-scenario progress.</summary>
    public IReadOnlyList<ScenarioProgress> Scenarios { get; init; } = [];

    /// <summary>The run's metrics (read-only use: values, series, timelines).</summary>
    public required MetricRegistry Metrics { get; init; }

    /// <summary>Requests in the last second.</summary>
    public double RequestsLastSecond { get; init; }

    /// <summary>Failed requests in the last second.</summary>
    public double FailuresLastSecond { get; init; }

    /// <summary>Thresholds failing now (selector and expression).</summary>
    public IReadOnlyList<string> FailingThresholds { get; init; } = [];

    /// <summary>The plan's chaos faults fired so far and firing now, in run seconds (their resilience verdicts come with the result).</summary>
    public IReadOnlyList<RunAnnotation> Faults { get; init; } = [];
}

/// <summary>One scenario's progress.</summary>
public sealed record ScenarioProgress(string Name, string Executor, int ActiveVus, int AllocatedVus, long Iterations, long Dropped, TimeSpan Elapsed, TimeSpan Scheduled, bool Started, bool Finished);
