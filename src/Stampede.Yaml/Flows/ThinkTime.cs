namespace Stampede.Yaml.Flows;

/// <summary>A pause between steps, drawn from a distribution: constant, uniform, gaussian or exponential.</summary>
internal sealed record ThinkTime(string Distribution, TimeSpan A, TimeSpan B)
{
    /// <summary>Pauses are capped so a long-tailed distribution cannot stall a VU for the rest of the run.</summary>
    private static readonly TimeSpan Cap = TimeSpan.FromMinutes(10);

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
