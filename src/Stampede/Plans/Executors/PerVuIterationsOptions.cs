namespace Stampede.Plans.Executors;

/// <summary><c>per-vu-iterations</c>: each VU runs exactly <see cref="Iterations"/> iterations.</summary>
public sealed record PerVuIterationsOptions : ExecutorOptions
{
    /// <summary>VUs to run. Default 1.</summary>
    public int Vus { get; init; } = 1;

    /// <summary>Iterations per VU. Default 1.</summary>
    public int Iterations { get; init; } = 1;

    /// <summary>The most time the scenario may take before it is stopped. Default 10m.</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromMinutes(10);

    /// <inheritdoc />
    public override string Type => "per-vu-iterations";

    /// <inheritdoc />
    public override TimeSpan ScheduledDuration => MaxDuration;

    /// <inheritdoc />
    public override int PeakVus => Vus;

    internal override void Validate(string path, List<PlanError> errors)
    {
        RequireVus(Vus, path, "vus", errors);
        RequireIterations(Iterations, path, errors);

        RequirePositive(MaxDuration.TotalMilliseconds, path, "maxDuration", errors);
    }
}
