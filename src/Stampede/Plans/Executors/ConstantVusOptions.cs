namespace Stampede.Plans.Executors;

/// <summary><c>constant-vus</c>: a fixed number of VUs run iterations back to back for a duration.</summary>
public sealed record ConstantVusOptions : ExecutorOptions
{
    /// <summary>VUs to run. Default 1.</summary>
    public int Vus { get; init; } = 1;

    /// <summary>How long to run. Required.</summary>
    public TimeSpan Duration { get; init; }

    /// <inheritdoc />
    public override string Type => "constant-vus";

    /// <inheritdoc />
    public override TimeSpan ScheduledDuration => Duration;

    /// <inheritdoc />
    public override int PeakVus => Vus;

    internal override void Validate(string path, List<PlanError> errors)
    {
        RequireVus(Vus, path, "vus", errors);
        RequirePositive(Duration.TotalMilliseconds, path, "duration", errors);
    }
}
