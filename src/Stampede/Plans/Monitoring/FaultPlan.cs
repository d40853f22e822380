namespace Stampede.Plans.Monitoring;

/// <summary>
/// One fault on a schedule: once <see cref="At"/> into the run, or <see cref="Every"/> interval from <see cref="At"/>
/// on. Proxy faults last <see cref="For"/>; commands, HTTP calls and code last as long as they run.
/// </summary>
public sealed record FaultPlan
{
    /// <summary>A name for annotations and the <c>fault</c> tag of resilience metrics.</summary>
    public required string Name { get; init; }

    /// <summary>What the fault does.</summary>
    public required FaultAction Action { get; init; }

    /// <summary>When it (first) fires, from the run's start. Default 0.</summary>
    public TimeSpan At { get; init; }

    /// <summary>Fire again at this interval after <see cref="At"/>. Default null: once.</summary>
    public TimeSpan? Every { get; init; }

    /// <summary>How long a proxy fault lasts. Default null (required for proxy faults).</summary>
    public TimeSpan? For { get; init; }

    /// <summary>Times at which this fault fires within a run of <paramref name="length"/>, in order.</summary>
    public IEnumerable<TimeSpan> FiringTimes(TimeSpan length)
    {
        for (var (at, n) = (At, 0); at < length && n < 100_000; n++, at = At + n * Every!.Value)
        {
            yield return at;
            if (Every is not { } every || every <= TimeSpan.Zero)
            {
                yield break;
            }
        }
    }
}
