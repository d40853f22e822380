using Stampede.Plans.Executors;

namespace Stampede.Plans.Profiles;

/// <summary><c>sustained</c>: N VUs for the whole duration, no ramps.</summary>
public sealed class SustainedProfile : LoadProfile
{
    /// <inheritdoc />
    public override string Name => "sustained";

    /// <inheritdoc />
    public override string Shape => "constant-vus: N VUs for T (default N=20, T=10m)";

    /// <inheritdoc />
    public override int DefaultVus => 20;

    /// <inheritdoc />
    public override TimeSpan DefaultDuration => TimeSpan.FromMinutes(10);

    private protected override ExecutorOptions Create(int vus, double? rate, TimeSpan duration, double share) =>
        new ConstantVusOptions { Vus = vus, Duration = duration };
}
