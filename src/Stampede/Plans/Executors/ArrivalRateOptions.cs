namespace Stampede.Plans.Executors;

/// <summary>
/// What the two open-model executors share: the VUs that serve their arrivals, and what happens to an arrival
/// when all of them are busy.
/// </summary>
public abstract record ArrivalRateOptions : ExecutorOptions
{
    /// <summary>The default bound on <see cref="MaxQueued"/>: 800 KB of timestamps at most.</summary>
    public const int DefaultMaxQueued = 100_000;

    private protected ArrivalRateOptions()
    {
    }

    /// <summary>The period rates are counted over. Default 1s.</summary>
    public TimeSpan TimeUnit { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>VUs created before the start. Required.</summary>
    public int PreAllocatedVus { get; init; }

    /// <summary>The most VUs to create when the pre-allocated ones are all busy; 0 means <see cref="PreAllocatedVus"/>.</summary>
    public int MaxVus { get; init; }

    /// <summary>
    /// What an arrival does when every VU is busy. Default <see cref="ArrivalOverflow.Queue"/>: a server that
    /// stalls then shows its stall in the latency percentiles, where dropping would leave the held-back arrivals
    /// out of every percentile.
    /// </summary>
    public ArrivalOverflow Overflow { get; init; } = ArrivalOverflow.Queue;

    /// <summary>With <see cref="ArrivalOverflow.Queue"/>: the most arrivals that may wait at once; more are dropped. Default 100,000.</summary>
    public int MaxQueued { get; init; } = DefaultMaxQueued;

    /// <summary>
    /// With <see cref="ArrivalOverflow.Queue"/>: an arrival that has waited this long when a VU frees is dropped
    /// instead of started (its user gave up). Default 30s.
    /// </summary>
    public TimeSpan MaxQueueWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public override int PeakVus => Math.Max(MaxVus, PreAllocatedVus);

    internal override void Validate(string path, List<PlanError> errors)
    {
        RequirePositive(TimeUnit.TotalMilliseconds, path, "timeUnit", errors);
        RequireVus(PreAllocatedVus, path, "preAllocatedVUs", errors);
        if (MaxVus != 0 && MaxVus < PreAllocatedVus)
        {
            errors.Add(new PlanError($"{path}.maxVUs", $"must be at least preAllocatedVUs ({PreAllocatedVus}), got {MaxVus}"));
        }

        if (!Enum.IsDefined(Overflow))
        {
            errors.Add(new PlanError($"{path}.overflow", $"must be queue or drop, got {Overflow}"));
        }

        if (MaxQueued is < 1 or > 10_000_000)
        {
            errors.Add(new PlanError($"{path}.maxQueued", $"must be between 1 and 10,000,000, got {MaxQueued}"));
        }

        RequirePositive(MaxQueueWait.TotalMilliseconds, path, "maxQueueWait", errors);
    }
}
