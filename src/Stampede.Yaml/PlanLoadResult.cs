using Stampede.Plans;
using Stampede.Plans.Profiles;

namespace Stampede.Yaml;

/// <summary>A loaded plan, or every problem found in it (each with file, line and column).</summary>
public sealed record PlanLoadResult
{
    /// <summary>The plan, validated; null when <see cref="Errors"/> is not empty.</summary>
    public TestPlan? Plan { get; init; }

    /// <summary>Every problem, in file order.</summary>
    public IReadOnlyList<PlanError> Errors { get; init; } = [];

    /// <summary>
    /// What validates but probably is not what the author meant (a pause longer than the scenario, a threshold on a metric
    /// no step records), each with its location, in file order; checked only when there are no <see cref="Errors"/>.
    /// Warnings do not stop a run.
    /// </summary>
    public IReadOnlyList<PlanError> Warnings { get; init; } = [];

    /// <summary>The warnings about what the steps record or ask for, true whatever executors the scenarios run with.</summary>
    internal IReadOnlyList<PlanError> StepWarnings { get; init; } = [];

    /// <summary>The warnings about pauses against the scenarios' durations, true only for the plan's own executors.</summary>
    internal IReadOnlyList<PlanError> PauseWarnings { get; init; } = [];

    /// <summary>The load profile the plan runs with, if any.</summary>
    public LoadProfile? Profile { get; init; }

    /// <summary>True when the plan loaded without problems.</summary>
    public bool Succeeded => Plan is not null && Errors.Count == 0;
}
