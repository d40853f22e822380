namespace Stampede.Plans.Executors;

/// <summary><c>shared-iterations</c>: VUs share a total of <see cref="Iterations"/> iterations; the faster ones run more.</summary>
public sealed record SharedIterationsOptions : ExecutorOptions
{
    /// <summary>VUs to run. Default 1.</summary>
    public int Vus { get; init; } = 1;

    /// <summary>Iterations in all. Default 1.</summary>
    public int Iterations { get; init; } = 1;

    /// <summary>The most time the scenario may take before it is stopped. Default 10m.</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromMinutes(10);

    /// <inheritdoc />
    public override string Type => "shared-iterations";

    /// <inheritdoc />
    public override TimeSpan ScheduledDuration => MaxDuration;

    /// <inheritdoc />
    public override int PeakVus => Math.Min(Vus, Iterations);

    internal override void Validate(string path, List<PlanError> errors)
    {
        RequireVus(Vus, path, "vus", errors);
        RequireIterations(Iterations, path, errors);

        if (Iterations < Vus && Iterations >= 1)
        {
            // k6 rejects this too: VUs beyond the iteration count would never run.
            errors.Add(new PlanError($"{path}.iterations", $"must be at least vus ({Vus}), got {Iterations}"));
        }

        RequirePositive(MaxDuration.TotalMilliseconds, path, "maxDuration", errors);
    }
}
