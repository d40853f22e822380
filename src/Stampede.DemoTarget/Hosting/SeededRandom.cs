namespace Stampede.DemoTarget.Hosting;

/// <summary>
/// A small deterministic generator (SplitMix64). Each request gets its own, derived from the seed and a
/// sequence number, so a run repeats without a shared, locked <see cref="Random"/>.
/// </summary>
internal sealed class SeededRandom
{
    private ulong _state;

    public SeededRandom(ulong seed) => _state = seed;

    public static SeededRandom Derive(int seed, long sequence) => new(Mix((ulong)(uint)seed, (ulong)sequence));

    public static ulong Mix(ulong a, ulong b)
    {
        var z = a * 0x9E3779B97F4A7C15UL ^ (b + 0x632BE59BD9B4E019UL);
        return Finalise(z);
    }

    /// <summary>A stable hash of text (FNV-1a, then mixed); <see cref="string.GetHashCode()"/> changes between processes.</summary>
    public static ulong Hash(ReadOnlySpan<char> text, ulong seed)
    {
        var h = 14695981039346656037UL ^ seed;
        foreach (var c in text)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        return Finalise(h);
    }

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Finalise(_state);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, maxExclusive).</summary>
    public int Next(int maxExclusive) => maxExclusive <= 1 ? 0 : (int)(NextUInt64() % (ulong)maxExclusive);

    public bool Chance(double probability) => probability > 0 && (probability >= 1 || NextDouble() < probability);

    /// <summary>A normal sample (Box–Muller).</summary>
    public double NextGaussian(double mean, double stdDev)
    {
        if (stdDev <= 0)
        {
            return mean;
        }

        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return mean + stdDev * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>A normal delay, clamped at zero because a negative wait has no meaning.</summary>
    public TimeSpan NextDelay(TimeSpan mean, TimeSpan stdDev)
    {
        var ticks = NextGaussian(mean.Ticks, stdDev.Ticks);
        return ticks <= 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)ticks);
    }

    private static ulong Finalise(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
