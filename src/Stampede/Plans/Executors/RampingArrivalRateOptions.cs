namespace Stampede.Plans.Executors;

/// <summary><c>ramping-arrival-rate</c>: the iteration start rate follows the stages linearly (open model).</summary>
public sealed record RampingArrivalRateOptions : ArrivalRateOptions
{
    /// <summary>Iterations per <see cref="ArrivalRateOptions.TimeUnit"/> at the start. Default 0.</summary>
    public double StartRate { get; init; }

    /// <summary>The ramp; targets are rates. Required.</summary>
    public IReadOnlyList<Stage> Stages { get; init; } = [];

    /// <inheritdoc />
    public override string Type => "ramping-arrival-rate";

    /// <inheritdoc />
    public override TimeSpan ScheduledDuration => Stages.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Duration);

    internal override void Validate(string path, List<PlanError> errors)
    {
        if (StartRate < 0)
        {
            errors.Add(new PlanError($"{path}.startRate", "must not be negative"));
        }

        RequireStages(Stages, path, errors, 10_000_000);
        if (StartRate == 0 && Stages.Count > 0 && Stages.All(s => s.Target == 0))
        {
            errors.Add(new PlanError($"{path}.stages", "startRate is 0 and every stage targets a rate of 0: no iteration would ever start"));
        }

        base.Validate(path, errors);
    }
}
