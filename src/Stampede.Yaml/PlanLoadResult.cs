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

    /// <summary>The load profile the plan runs with, if any.</summary>
    public LoadProfile? Profile { get; init; }

    /// <summary>True when the plan loaded without problems.</summary>
    public bool Succeeded => Plan is not null && Errors.Count == 0;
}
