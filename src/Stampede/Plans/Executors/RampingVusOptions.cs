namespace Stampede.Plans.Executors;

/// <summary><c>ramping-vus</c>: the number of VUs follows the stages linearly.</summary>
public sealed record RampingVusOptions : ExecutorOptions
{
    /// <summary>VUs at the start. Default 1.</summary>
    public int StartVus { get; init; } = 1;

    /// <summary>The ramp. Required.</summary>
    public IReadOnlyList<Stage> Stages { get; init; } = [];

    /// <summary>How long a VU that a ramp-down removes may finish its iteration before it is interrupted. Default 30s.</summary>
    public TimeSpan GracefulRampDown { get; init; } = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public override string Type => "ramping-vus";

    /// <inheritdoc />
    public override TimeSpan ScheduledDuration => Stages.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Duration);

    /// <inheritdoc />
    public override int PeakVus => (int)Math.Ceiling(Stages.Select(s => s.Target).Append(StartVus).Max());

    internal override void Validate(string path, List<PlanError> errors)
    {
        RequireVus(StartVus, path, "startVUs", errors, allowZero: true);
        RequireStages(Stages, path, errors, VuLimit);
        if (StartVus == 0 && Stages.Count > 0 && Stages.All(s => s.Target == 0))
        {
            errors.Add(new PlanError($"{path}.stages", "startVUs is 0 and every stage targets 0 VUs: no VU would ever run"));
        }

        if (GracefulRampDown < TimeSpan.Zero)
        {
            errors.Add(new PlanError($"{path}.gracefulRampDown", "must not be negative"));
        }
    }
}
