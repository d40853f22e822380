using Stampede.Plans.Executors;

namespace Stampede.Plans.Profiles;

/// <summary>
/// <c>breakpoint</c>: an open model whose arrival rate ramps linearly from 1/s to the target rate over the duration;
/// pair it with a threshold that has <c>abortOnFail</c> so the run stops where the system breaks, then read the rate at
/// that moment with <see cref="RateAt"/> (the CLI prints "broke at ~N iterations/s").
/// </summary>
public sealed class BreakpointProfile : LoadProfile
{
    /// <summary>The rate the ramp ends at when none is given.</summary>
    public const double DefaultRate = 1000;

    /// <inheritdoc />
    public override string Name => "breakpoint";

    /// <inheritdoc />
    public override string Shape => "ramping-arrival-rate: 1/s→R linearly over T, up to N VUs, until a threshold aborts (default R=1000/s, T=10m, N=R)";

    /// <inheritdoc />
    public override int DefaultVus => 0;

    /// <inheritdoc />
    public override TimeSpan DefaultDuration => TimeSpan.FromMinutes(10);

    /// <inheritdoc />
    public override bool IsRateBased => true;

    /// <summary>The arrival rate (iterations/s) <paramref name="options"/> schedules at <paramref name="elapsed"/> into the scenario.</summary>
    public static double RateAt(RampingArrivalRateOptions options, TimeSpan elapsed)
    {
        var perSecond = 1 / Math.Max(options.TimeUnit.TotalSeconds, 1e-9);
        var from = options.StartRate;
        var at = TimeSpan.Zero;
        foreach (var stage in options.Stages)
        {
            if (elapsed <= at + stage.Duration)
            {
                var fraction = stage.Duration <= TimeSpan.Zero ? 1 : (elapsed - at) / stage.Duration;
                return (from + (stage.Target - from) * Math.Clamp(fraction, 0, 1)) * perSecond;
            }

            at += stage.Duration;
            from = stage.Target;
        }

        return from * perSecond;
    }

    private protected override ExecutorOptions Create(int vus, double? rate, TimeSpan duration, double share)
    {
        var target = rate ?? DefaultRate * share;
        var maxVus = vus > 1 ? vus : (int)Math.Clamp(Math.Ceiling(target), 1, 10_000);
        return new RampingArrivalRateOptions
        {
            StartRate = Math.Min(1, target),
            Stages = [new Stage(duration, target)],
            PreAllocatedVus = Math.Max(1, Math.Min(maxVus, (int)Math.Ceiling(target / 10))),
            MaxVus = maxVus,
        };
    }
}
