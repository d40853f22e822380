namespace Stampede.Plans.Executors;

/// <summary><c>ramping-arrival-rate</c>: the iteration start rate follows the stages linearly (open model).</summary>
public sealed record RampingArrivalRateOptions : ExecutorOptions
{
    /// <summary>Iterations per <see cref="TimeUnit"/> at the start. Default 0.</summary>
    public double StartRate { get; init; }

    /// <summary>The period rates are counted over. Default 1s.</summary>
    public TimeSpan TimeUnit { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The ramp; targets are rates. Required.</summary>
    public IReadOnlyList<Stage> Stages { get; init; } = [];

    /// <summary>VUs created before the start. Required.</summary>
    public int PreAllocatedVus { get; init; }

    /// <summary>The most VUs to create when the pre-allocated ones are all busy; 0 means <see cref="PreAllocatedVus"/>.</summary>
    public int MaxVus { get; init; }

    /// <inheritdoc />
    public override string Type => "ramping-arrival-rate";

    /// <inheritdoc />
    public override TimeSpan ScheduledDuration => Stages.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Duration);

    /// <inheritdoc />
    public override int PeakVus => Math.Max(MaxVus, PreAllocatedVus);

    internal override void Validate(string path, List<PlanError> errors)
    {
        if (StartRate < 0)
        {
            errors.Add(new PlanError($"{path}.startRate", "must not be negative"));
        }

        RequirePositive(TimeUnit.TotalMilliseconds, path, "timeUnit", errors);
        RequireStages(Stages, path, errors, 10_000_000);
        RequireVus(PreAllocatedVus, path, "preAllocatedVUs", errors);
        if (MaxVus != 0 && MaxVus < PreAllocatedVus)
        {
            errors.Add(new PlanError($"{path}.maxVUs", $"must be at least preAllocatedVUs ({PreAllocatedVus}), got {MaxVus}"));
        }
    }
}
