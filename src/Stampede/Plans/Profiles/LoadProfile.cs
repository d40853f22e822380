using Stampede.Plans.Executors;

namespace Stampede.Plans.Profiles;

/// <summary>
/// A named load shape (smoke, load, spike, …) that turns a target size and a duration into executor options, so a
/// plan can say <c>profile: spike</c> instead of writing stages. Scale with <see cref="ProfileParameters"/>; split a
/// profile between weighted scenarios with the <c>share</c> argument of <see cref="Build"/>.
/// </summary>
public abstract class LoadProfile
{
    private protected LoadProfile()
    {
    }

    /// <summary>The name plans use: <c>smoke</c>, <c>load</c>, <c>ramp-up</c>, …</summary>
    public abstract string Name { get; }

    /// <summary>One line describing the shape, for help texts and docs.</summary>
    public abstract string Shape { get; }

    /// <summary>Peak VUs when none are given.</summary>
    public abstract int DefaultVus { get; }

    /// <summary>Total duration when none is given.</summary>
    public abstract TimeSpan DefaultDuration { get; }

    /// <summary>True when the profile is an open model driven by a rate rather than by VUs.</summary>
    public virtual bool IsRateBased => false;

    /// <summary>
    /// The executor for this profile. <paramref name="share"/> (0–1] is the fraction of the load one scenario gets
    /// when several share the profile by weight: VUs and rates are multiplied by it (at least one VU remains).
    /// </summary>
    public ExecutorOptions Build(ProfileParameters? parameters = null, double share = 1)
    {
        parameters ??= new ProfileParameters();
        share = share is > 0 and <= 1 ? share : 1;
        var vus = Math.Max(1, (int)Math.Round((parameters.Vus ?? DefaultVus) * share));
        var duration = parameters.Duration ?? DefaultDuration;
        return Create(vus, parameters.Rate is { } rate ? rate * share : null, duration, share);
    }

    /// <summary>Builds the executor for already-scaled values.</summary>
    private protected abstract ExecutorOptions Create(int vus, double? rate, TimeSpan duration, double share);

    private protected static Stage Stage(TimeSpan total, double fraction, double target) =>
        new(TimeSpan.FromMilliseconds(Math.Round(total.TotalMilliseconds * fraction)), target);
}
