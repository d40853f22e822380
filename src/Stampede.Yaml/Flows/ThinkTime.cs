namespace Stampede.Yaml.Flows;

/// <summary>A pause between steps, drawn from a distribution: constant, uniform, gaussian or exponential.</summary>
internal sealed record ThinkTime(string Distribution, TimeSpan A, TimeSpan B)
{
    /// <summary>Pauses are capped so a long-tailed distribution cannot stall a VU for the rest of the run.</summary>
    public static readonly TimeSpan Cap = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The pause a plan's timing can count on: a constant's value, a uniform's minimum, the mean of a gaussian or an
    /// exponential (capped like every sample), so a warning about it never rests on a long tail alone.
    /// </summary>
    public TimeSpan Nominal => A < Cap ? A : Cap;

    /// <summary>The longest pause asked for before the cap: a uniform's maximum, else <see cref="Nominal"/>'s source.</summary>
    public TimeSpan Longest => Distribution == "uniform" ? B : A;

    public TimeSpan Sample(Random random)
    {
        var ms = Distribution switch
        {
            "uniform" => A.TotalMilliseconds + random.NextDouble() * (B - A).TotalMilliseconds,
            "gaussian" => A.TotalMilliseconds + B.TotalMilliseconds * StandardNormal(random),
            "exponential" => -A.TotalMilliseconds * Math.Log(1 - random.NextDouble()),
            _ => A.TotalMilliseconds,
        };
        return TimeSpan.FromMilliseconds(Math.Clamp(ms, 0, Cap.TotalMilliseconds));
    }

    private static double StandardNormal(Random random)
    {
        // Box–Muller: two uniforms give one normal sample.
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
