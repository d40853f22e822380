namespace Stampede.Metrics;

/// <summary>
/// Arrivals that open-model (arrival-rate) scenarios dropped because no VU was free to start them, beside the
/// iterations they did start. The latency metrics describe only the started ones, so a result with drops
/// understates what the dropped arrivals would have seen; every report says so (<c>DroppedArrivalsNotice</c>).
/// </summary>
public sealed record DroppedArrivalsResult
{
    /// <summary>Arrivals dropped, over every arrival-rate scenario.</summary>
    public long Dropped { get; init; }

    /// <summary>Iterations those scenarios started (finished, failed or interrupted).</summary>
    public long Started { get; init; }

    /// <summary><see cref="Dropped"/> / (<see cref="Dropped"/> + <see cref="Started"/>).</summary>
    public double Fraction { get; init; }

    /// <summary>Each arrival-rate scenario's own figures, in the result's scenario order.</summary>
    public IReadOnlyList<ScenarioDroppedArrivals> Scenarios { get; init; } = [];

    /// <summary>The drops in <paramref name="scenarios"/>, or null when none dropped an arrival.</summary>
    public static DroppedArrivalsResult? From(IReadOnlyList<ScenarioResult> scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        var open = scenarios
            .Where(s => IsOpenModel(s.Executor, s.DroppedIterations))
            .Select(s => new ScenarioDroppedArrivals(s.Name, s.DroppedIterations, s.Iterations + s.InterruptedIterations))
            .ToList();
        var dropped = open.Sum(s => s.Dropped);
        if (dropped == 0)
        {
            return null;
        }

        var started = open.Sum(s => s.Started);
        return new DroppedArrivalsResult { Dropped = dropped, Started = started, Fraction = Share(dropped, started), Scenarios = open };
    }

    /// <summary>Whether a scenario schedules arrivals (only those can drop one).</summary>
    internal static bool IsOpenModel(string executor, long dropped) => dropped > 0 || executor.EndsWith("arrival-rate", StringComparison.Ordinal);

    internal static double Share(long dropped, long started) => dropped + started == 0 ? 0 : (double)dropped / (dropped + started);
}

/// <summary>One arrival-rate scenario's dropped arrivals and started iterations.</summary>
/// <param name="Name">The scenario's name.</param>
/// <param name="Dropped">Arrivals it dropped.</param>
/// <param name="Started">Iterations it started.</param>
public sealed record ScenarioDroppedArrivals(string Name, long Dropped, long Started)
{
    /// <summary><see cref="Dropped"/> / (<see cref="Dropped"/> + <see cref="Started"/>).</summary>
    public double Fraction => DroppedArrivalsResult.Share(Dropped, Started);
}
