using Stampede.Plans.Executors;

namespace Stampede.Plans.Profiles;

/// <summary>
/// <c>spike</c>: a baseline of N/20 VUs, a sudden jump to N (20x: with the defaults 5→100 in 10s), a hold, a drop back
/// to the baseline and a hold there to see whether the system recovers.
/// </summary>
public sealed class SpikeProfile : LoadProfile
{
    /// <inheritdoc />
    public override string Name => "spike";

    /// <inheritdoc />
    public override string Shape => "ramping-vus: baseline N/20 (20% of T), N/20→N in 10s, hold N (30%), N→N/20 in 10s, baseline (rest), then 0 (default N=100, T=3m)";

    /// <inheritdoc />
    public override int DefaultVus => 100;

    /// <inheritdoc />
    public override TimeSpan DefaultDuration => TimeSpan.FromMinutes(3);

    private protected override ExecutorOptions Create(int vus, double? rate, TimeSpan duration, double share)
    {
        var baseline = Math.Max(1, Math.Round(vus / 20.0));

        // The jump takes 10s at the default length and shrinks with short runs so it stays sudden.
        var jump = Math.Min(10.0 / duration.TotalSeconds, 0.1);
        var rest = 1 - 2 * jump;
        return new RampingVusOptions
        {
            StartVus = (int)baseline,
            Stages =
            [
                Stage(duration, rest * 0.3, baseline),
                Stage(duration, jump, vus),
                Stage(duration, rest * 0.35, vus),
                Stage(duration, jump, baseline),
                Stage(duration, rest * 0.35, baseline),
            ],
            GracefulRampDown = TimeSpan.FromSeconds(10),
        };
    }
}
