namespace Stampede.Data;

/// <summary>
/// Derives independent seeds from a plan seed and a VU number. <see cref="HashCode"/> is randomised per process,
/// so it cannot be used where a run must repeat; this is SplitMix64's finaliser, which is stable everywhere.
/// </summary>
internal static class SeedMixer
{
    public static int Mix(int seed, int vuId, int purpose) =>
        (int)Finalise(Finalise((ulong)(uint)seed << 32 | (uint)vuId) ^ (ulong)(uint)purpose * 0x9E3779B97F4A7C15UL);

    public static ulong Finalise(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Purposes, so the streams a VU uses for different things do not mirror each other.</summary>
    public const int VuRandom = 0;
    public const int Templates = 1;
    public const int Fake = 2;
    public const int Questions = 3;
    public const int DataRows = 4;
}
