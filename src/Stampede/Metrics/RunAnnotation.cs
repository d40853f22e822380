namespace Stampede.Metrics;

/// <summary>
/// Something that happened to the run at a moment or over a window — an injected fault, or a control action — with its resilience
/// verdict when it had one (see docs/monitoring.md).
/// </summary>
public sealed record RunAnnotation
{
    /// <summary>Run second it started.</summary>
    public required double At { get; init; }

    /// <summary>Run second it ended, or null for a moment.</summary>
    public double? End { get; init; }

    /// <summary>The fault's name (the <c>fault</c> tag of its resilience metrics), or null.</summary>
    public string? Name { get; init; }

    /// <summary>The <see cref="Kind"/> of a change made to the running test from outside (dashboard, <c>stampede control</c>).</summary>
    public const string ControlKind = "control";

    /// <summary>What kind of thing it was: <c>command</c>, <c>http</c>, <c>proxy</c>, <c>code</c>, or <see cref="ControlKind"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>Its name and what it did, e.g. <c>restart: command: systemctl restart api</c>.</summary>
    public required string Description { get; init; }

    /// <summary>Seconds from its start until errors or p95 left their bounds; null when they never did.</summary>
    public double? DetectionSeconds { get; init; }

    /// <summary>Seconds from its start until the target was back within bounds for good; null when never impacted.</summary>
    public double? RecoverySeconds { get; init; }

    /// <summary>False when the target was still out of bounds at the end of the run.</summary>
    public bool? Recovered { get; init; }

    /// <summary>Successful requests fewer than the baseline rate would have given, from its start to recovery.</summary>
    public double? RequestsLost { get; init; }
}
