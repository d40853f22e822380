using System.Globalization;
using Stampede.Plans.Monitoring;

namespace Stampede.Monitoring;

/// <summary>
/// Judges <see cref="RunLimits"/> once a second from the second just collected and requests a graceful stop with a
/// plain reason when one is reached. Seconds without requests neither count towards the error-rate limit nor reset it.
/// </summary>
internal sealed class LimitMonitor(RunLimits limits, Action<string> requestStop)
{
    private int _failingSeconds;

    /// <summary>Observes one collected second: <paramref name="failed"/> of <paramref name="requests"/> failed.</summary>
    public void Observe(TimeSpan elapsed, long failed, long requests)
    {
        if (limits.MaxDuration is { } max && elapsed >= max)
        {
            requestStop($"limit maxDuration reached: the run lasted {Plans.Duration.Format(max)}");
        }

        if (limits.ErrorRate is not { } errorRate || requests == 0)
        {
            return;
        }

        var share = (double)failed / requests;
        _failingSeconds = share > errorRate.Max ? _failingSeconds + 1 : 0;
        if (_failingSeconds >= RequiredSeconds(errorRate))
        {
            requestStop(string.Create(CultureInfo.InvariantCulture,
                $"limit errorRate reached: more than {errorRate.Max:0.##%} of requests failed for {Plans.Duration.Format(errorRate.For)} (last second: {share:0.#%})"));
        }
    }

    private static int RequiredSeconds(ErrorRateLimit limit) => Math.Max(1, (int)Math.Ceiling(limit.For.TotalSeconds));
}
