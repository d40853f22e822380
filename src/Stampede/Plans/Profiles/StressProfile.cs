using Stampede.Plans.Executors;

namespace Stampede.Plans.Profiles;

/// <summary>
/// <c>stress</c>: steps up to and past the expected peak N — N/2, N, 1.5N, 2N, each a short ramp and a hold — then
/// ramps down, to show how the system degrades beyond its expected load and whether it recovers.
/// </summary>
public sealed class StressProfile : LoadProfile
{
    private static readonly double[] Steps = [0.5, 1.0, 1.5, 2.0];

    /// <inheritdoc />
    public override string Name => "stress";

    /// <inheritdoc />
    public override string Shape => "ramping-vus: steps to N/2, N, 1.5N, 2N (each: ramp 5% of T, hold 17.5%), then 2N→0 over 10% (default N=50, T=20m)";

    /// <inheritdoc />
    public override int DefaultVus => 50;

    /// <inheritdoc />
    public override TimeSpan DefaultDuration => TimeSpan.FromMinutes(20);

    private protected override ExecutorOptions Create(int vus, double? rate, TimeSpan duration, double share)
    {
        var stages = new List<Stage>();
        foreach (var step in Steps)
        {
            var target = Math.Max(1, Math.Round(vus * step));
            stages.Add(Stage(duration, 0.05, target));
            stages.Add(Stage(duration, 0.175, target));
        }

        stages.Add(Stage(duration, 0.1, 0));
        return new RampingVusOptions { StartVus = 0, Stages = stages };
    }
}
