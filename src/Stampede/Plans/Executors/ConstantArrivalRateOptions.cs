namespace Stampede.Plans.Executors;

/// <summary><c>constant-arrival-rate</c>: iterations start at a fixed rate, whatever the response times (open model).</summary>
public sealed record ConstantArrivalRateOptions : ExecutorOptions
{
    /// <summary>Iterations to start per <see cref="TimeUnit"/>. Required.</summary>
    public double Rate { get; init; }

    /// <summary>The period <see cref="Rate"/> is counted over. Default 1s.</summary>
    public TimeSpan TimeUnit { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long to run. Required.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>VUs created before the start. Required.</summary>
    public int PreAllocatedVus { get; init; }

    /// <summary>The most VUs to create when the pre-allocated ones are all busy; 0 means <see cref="PreAllocatedVus"/>.</summary>
    public int MaxVus { get; init; }

    /// <inheritdoc />
    public override string Type => "constant-arrival-rate";

    /// <inheritdoc />
    public override TimeSpan ScheduledDuration => Duration;

    /// <inheritdoc />
    public override int PeakVus => Math.Max(MaxVus, PreAllocatedVus);

    internal override void Validate(string path, List<PlanError> errors)
    {
        RequirePositive(Rate, path, "rate", errors);
        RequirePositive(TimeUnit.TotalMilliseconds, path, "timeUnit", errors);
        RequirePositive(Duration.TotalMilliseconds, path, "duration", errors);
        RequireVus(PreAllocatedVus, path, "preAllocatedVUs", errors);
        if (MaxVus != 0 && MaxVus < PreAllocatedVus)
        {
            errors.Add(new PlanError($"{path}.maxVUs", $"must be at least preAllocatedVUs ({PreAllocatedVus}), got {MaxVus}"));
        }

        if (Rate / Math.Max(TimeUnit.TotalSeconds, 1e-9) > 10_000_000)
        {
            errors.Add(new PlanError($"{path}.rate", "is above 10,000,000 iterations per second"));
        }
    }
}
