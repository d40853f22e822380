using Stampede.Plans.Executors;

namespace Stampede.Plans.Profiles;

/// <summary><c>ramp-up</c>: VUs grow linearly from 0 to N over the whole duration.</summary>
public sealed class RampUpProfile : LoadProfile
{
    /// <inheritdoc />
    public override string Name => "ramp-up";

    /// <inheritdoc />
    public override string Shape => "ramping-vus: 0→N linearly over T (default N=50, T=5m)";

    /// <inheritdoc />
    public override int DefaultVus => 50;

    /// <inheritdoc />
    public override TimeSpan DefaultDuration => TimeSpan.FromMinutes(5);

    private protected override ExecutorOptions Create(int vus, double? rate, TimeSpan duration, double share) =>
        new RampingVusOptions { StartVus = 0, Stages = [new Stage(duration, vus)] };
}
