using Stampede.Plans.Monitoring;
namespace Stampede.Monitoring.Chaos;

/// <summary>One run second as resilience verdicts see it: requests made, requests failed, p95 latency in ms.</summary>
internal readonly record struct SecondStats(long Requests, long Failed, double P95);

/// <summary>
/// Judges each fault from the run's per-second timelines after the run. The baseline is the seconds before the first
/// fault (the first second skipped as warm-up when there are others). A second is out of bounds when its error rate
/// or p95 leaves <see cref="ResilienceOptions"/>' bounds, or when it has no requests though the baseline had.
/// Detection is the end of the first out-of-bounds second from the fault's start; recovery is the start of the first
/// run of <see cref="ResilienceOptions.StableSeconds"/> in-bounds seconds after it; requests lost are the successful
/// requests the baseline rate would have given in between, minus those that succeeded. Per-second data makes every
/// figure accurate to about a second.
/// </summary>
internal static class ResilienceVerdicts
{
    public static Metrics.RunAnnotation Judge(Metrics.RunAnnotation fault, IReadOnlyList<SecondStats> seconds, double firstFaultAt, ResilienceOptions options)
    {
        var baseline = Baseline(seconds, firstFaultAt);
        var errorBound = baseline.ErrorRate + options.ErrorRateMargin;
        var latencyBound = Math.Max(options.LatencyFloor.TotalMilliseconds, options.LatencyFactor * baseline.P95);
        bool InBounds(SecondStats s) =>
            s.Requests == 0
                ? baseline.SuccessPerSecond == 0
                : (double)s.Failed / s.Requests <= errorBound && s.P95 <= latencyBound;

        var start = (int)Math.Floor(fault.At);
        var searchEnd = Math.Min(seconds.Count, Math.Max((int)Math.Ceiling(fault.End ?? fault.At), start + 1) + options.StableSeconds);
        var detected = -1;
        for (var s = start; s < searchEnd; s++)
        {
            if (!InBounds(seconds[s]))
            {
                detected = s;
                break;
            }
        }

        if (detected < 0)
        {
            return fault with { RecoverySeconds = 0, Recovered = true, RequestsLost = 0 };
        }

        var recovered = -1;
        for (var r = detected + 1; r < seconds.Count; r++)
        {
            var stretch = Math.Min(options.StableSeconds, seconds.Count - r);
            var stable = true;
            for (var i = r; i < r + stretch && stable; i++)
            {
                stable = InBounds(seconds[i]);
            }

            if (stable)
            {
                recovered = r;
                break;
            }
        }

        var until = recovered < 0 ? seconds.Count : recovered;
        double succeeded = 0;
        for (var s = start; s < until; s++)
        {
            succeeded += seconds[s].Requests - seconds[s].Failed;
        }

        return fault with
        {
            DetectionSeconds = Math.Max(0, detected + 1 - fault.At),
            RecoverySeconds = Math.Max(0, until - fault.At),
            Recovered = recovered >= 0,
            RequestsLost = Math.Max(0, Math.Round(baseline.SuccessPerSecond * (until - start) - succeeded)),
        };
    }

    private static (double ErrorRate, double P95, double SuccessPerSecond) Baseline(IReadOnlyList<SecondStats> seconds, double firstFaultAt)
    {
        var end = Math.Min(seconds.Count, (int)Math.Floor(firstFaultAt));
        var from = end >= 3 ? 1 : 0;
        long requests = 0, failed = 0;
        var p95s = new List<double>();
        for (var s = from; s < end; s++)
        {
            requests += seconds[s].Requests;
            failed += seconds[s].Failed;
            if (seconds[s].Requests > 0)
            {
                p95s.Add(seconds[s].P95);
            }
        }

        p95s.Sort();
        return (
            requests == 0 ? 0 : (double)failed / requests,
            p95s.Count == 0 ? 0 : p95s[p95s.Count / 2],
            end - from <= 0 ? 0 : (double)(requests - failed) / (end - from));
    }
}
