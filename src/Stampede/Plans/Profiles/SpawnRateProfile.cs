using Stampede.Plans.Executors;

namespace Stampede.Plans.Profiles;

/// <summary>
/// Locust's way of saying how load grows: <c>users</c> started at <see cref="SpawnRate"/> users a second from none,
/// then held until the duration is over (Locust's <c>--users 50 --spawn-rate 5 --run-time 5m</c>: 10 s of ramp, then
/// 4 m 50 s at 50). The duration counts the ramp, as Locust's run time does; one shorter than the ramp stops it
/// part way, at the users started by then. Split between weighted scenarios, each gets its share of the users and
/// of the spawn rate, so all reach their peaks together. Not a named profile: plans say
/// <c>profile: { users: 50, spawnRate: 5 }</c>, the command line <c>--users 50 --spawn-rate 5</c>.
/// </summary>
public sealed class SpawnRateProfile : LoadProfile
{
    /// <summary>A ramp of <paramref name="spawnRate"/> users a second (greater than 0).</summary>
    public SpawnRateProfile(double spawnRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(spawnRate);
        SpawnRate = spawnRate;
    }

    /// <summary>Users started per second.</summary>
    public double SpawnRate { get; }

    /// <inheritdoc />
    public override string Name => "spawn-rate";

    /// <inheritdoc />
    public override string Shape => "ramping-vus: 0→N at R users/s, then N until T (default N=1, T=1m)";

    /// <inheritdoc />
    public override int DefaultVus => 1;

    /// <inheritdoc />
    public override TimeSpan DefaultDuration => TimeSpan.FromMinutes(1);

    private protected override ExecutorOptions Create(int vus, double? rate, TimeSpan duration, double share)
    {
        var perSecond = SpawnRate * share;
        var ramp = TimeSpan.FromSeconds(vus / perSecond);
        if (ramp >= duration)
        {
            // Cut short: the ramp goes on at its rate until the run ends, as Locust's does.
            var reached = Math.Max(1, (int)Math.Floor(perSecond * duration.TotalSeconds));
            return new RampingVusOptions { StartVus = 0, Stages = [new Stage(duration, Math.Min(vus, reached))] };
        }

        // Rounded to the millisecond so the stages add up to the duration exactly.
        ramp = TimeSpan.FromMilliseconds(Math.Round(ramp.TotalMilliseconds));
        if (ramp == TimeSpan.Zero)
        {
            return new RampingVusOptions { StartVus = vus, Stages = [new Stage(duration, vus)] };
        }

        return new RampingVusOptions { StartVus = 0, Stages = [new Stage(ramp, vus), new Stage(duration - ramp, vus)] };
    }
}
