namespace Stampede.Plans.Profiles;

/// <summary>What scales a <see cref="LoadProfile"/>: its target VUs, its target rate and its total duration. Null means the profile's default.</summary>
public sealed record ProfileParameters
{
    /// <summary>Target VUs at the profile's peak (for <c>breakpoint</c>: the most VUs it may allocate).</summary>
    public int? Vus { get; init; }

    /// <summary>Target iterations per second (<c>breakpoint</c> only: the rate the ramp ends at).</summary>
    public double? Rate { get; init; }

    /// <summary>Total duration of the profile, ramps included.</summary>
    public TimeSpan? Duration { get; init; }
}
