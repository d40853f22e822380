using Stampede.Plans.Executors;

namespace Stampede.Plans.Profiles;

/// <summary><c>smoke</c>: 1 VU for 30s (constant-vus) — does the plan work at all?</summary>
public sealed class SmokeProfile : LoadProfile
{
    /// <inheritdoc />
    public override string Name => "smoke";

    /// <inheritdoc />
    public override string Shape => "constant-vus: 1 VU (or --vus) for the whole duration (default 30s)";

    /// <inheritdoc />
    public override int DefaultVus => 1;

    /// <inheritdoc />
    public override TimeSpan DefaultDuration => TimeSpan.FromSeconds(30);

    private protected override ExecutorOptions Create(int vus, double? rate, TimeSpan duration, double share) =>
        new ConstantVusOptions { Vus = vus, Duration = duration };
}
