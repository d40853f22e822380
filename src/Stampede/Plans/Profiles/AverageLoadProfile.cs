using Stampede.Plans.Executors;

namespace Stampede.Plans.Profiles;

/// <summary><c>load</c>: average load — ramp up over the first sixth, hold for two thirds, ramp down over the last sixth.</summary>
public sealed class AverageLoadProfile : LoadProfile
{
    /// <inheritdoc />
    public override string Name => "load";

    /// <inheritdoc />
    public override string Shape => "ramping-vus: 0→N over T/6, hold N for 2T/3, N→0 over T/6 (default N=20, T=10m)";

    /// <inheritdoc />
    public override int DefaultVus => 20;

    /// <inheritdoc />
    public override TimeSpan DefaultDuration => TimeSpan.FromMinutes(10);

    private protected override ExecutorOptions Create(int vus, double? rate, TimeSpan duration, double share) =>
        new RampingVusOptions
        {
            StartVus = 0,
            Stages = [Stage(duration, 1.0 / 6, vus), Stage(duration, 4.0 / 6, vus), Stage(duration, 1.0 / 6, 0)],
        };
}
