namespace Stampede.Plans.Monitoring;

/// <summary>
/// How the fault proxy degrades traffic while a fault lasts. Latency and jitter delay what the target sends back
/// (each chunk is held until its own due time, so a response is delayed once, not once per chunk); bandwidth caps
/// each connection in each direction; <see cref="Reset"/> and <see cref="Blackhole"/> break connections.
/// </summary>
public sealed record ProxyConditions
{
    /// <summary>No degradation.</summary>
    public static ProxyConditions None { get; } = new();

    /// <summary>Added to every response chunk. Default 0.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>A further random delay, uniform between 0 and this, per chunk. Default 0.</summary>
    public TimeSpan Jitter { get; init; }

    /// <summary>Bytes a second each connection may carry in each direction. Default null: unlimited.</summary>
    public long? BandwidthBytesPerSecond { get; init; }

    /// <summary>Reset (TCP RST) every open connection when the fault starts and every new one while it lasts. Default false.</summary>
    public bool Reset { get; init; }

    /// <summary>Accept connections and data but forward nothing, either way, while the fault lasts. Default false.</summary>
    public bool Blackhole { get; init; }

    /// <summary>A short description for annotations, e.g. <c>latency 200ms ±50ms</c>.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (Latency > TimeSpan.Zero || Jitter > TimeSpan.Zero)
        {
            parts.Add($"latency {Plans.Duration.Format(Latency)}" + (Jitter > TimeSpan.Zero ? $" +0–{Plans.Duration.Format(Jitter)} jitter" : ""));
        }

        if (BandwidthBytesPerSecond is { } bandwidth)
        {
            parts.Add($"bandwidth {bandwidth} B/s");
        }

        if (Reset)
        {
            parts.Add("reset connections");
        }

        if (Blackhole)
        {
            parts.Add("black hole");
        }

        return parts.Count == 0 ? "no fault" : string.Join(", ", parts);
    }
}
