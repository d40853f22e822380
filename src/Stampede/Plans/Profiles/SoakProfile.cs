using Stampede.Plans.Executors;

namespace Stampede.Plans.Profiles;

/// <summary><c>soak</c>: moderate load for hours (ramp 5%, hold 90%, ramp down 5%) to find leaks and slow drift.</summary>
public sealed class SoakProfile : LoadProfile
{
    /// <inheritdoc />
    public override string Name => "soak";

    /// <inheritdoc />
    public override string Shape => "ramping-vus: 0→N over 5% of T, hold N for 90%, N→0 over 5% (default N=20, T=4h)";

    /// <inheritdoc />
    public override int DefaultVus => 20;

    /// <inheritdoc />
    public override TimeSpan DefaultDuration => TimeSpan.FromHours(4);

    private protected override ExecutorOptions Create(int vus, double? rate, TimeSpan duration, double share) =>
        new RampingVusOptions
        {
            StartVus = 0,
            Stages = [Stage(duration, 0.05, vus), Stage(duration, 0.9, vus), Stage(duration, 0.05, 0)],
        };
}
