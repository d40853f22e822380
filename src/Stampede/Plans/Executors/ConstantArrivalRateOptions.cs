namespace Stampede.Plans.Executors;

/// <summary><c>constant-arrival-rate</c>: iterations start at a fixed rate, whatever the response times (open model).</summary>
public sealed record ConstantArrivalRateOptions : ArrivalRateOptions
{
    /// <summary>Iterations to start per <see cref="ArrivalRateOptions.TimeUnit"/>. Required.</summary>
    public double Rate { get; init; }

    /// <summary>How long to run. Required.</summary>
    public TimeSpan Duration { get; init; }

    /// <inheritdoc />
    public override string Type => "constant-arrival-rate";

    /// <inheritdoc />
    public override TimeSpan ScheduledDuration => Duration;

    internal override void Validate(string path, List<PlanError> errors)
    {
        RequirePositive(Rate, path, "rate", errors);
        RequirePositive(Duration.TotalMilliseconds, path, "duration", errors);
        base.Validate(path, errors);
        if (Rate / Math.Max(TimeUnit.TotalSeconds, 1e-9) > 10_000_000)
        {
            errors.Add(new PlanError($"{path}.rate", "is above 10,000,000 iterations per second"));
        }
    }
}
