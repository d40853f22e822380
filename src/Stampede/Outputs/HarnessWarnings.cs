using Stampede.Metrics;

namespace Stampede.Outputs;

/// <summary>
/// Plain words for a result whose load generator was too busy for its figures to be trusted, from the harness
/// metrics the engine records once a second (scheduling lag, GC pauses, CPU).
/// </summary>
internal static class HarnessWarnings
{
    /// <summary>p95 scheduling lag above which latencies below a few milliseconds are not trustworthy.</summary>
    public const double LagWarningMs = 10;

    /// <summary>GC pauses above this share of the run distort tail latencies.</summary>
    public const double GcPauseWarningShare = 0.02;

    /// <summary>CPU above this share of all cores leaves the harness queueing its own work.</summary>
    public const double CpuWarningShare = 0.85;

    /// <summary>Plain-words warnings when the harness was busy enough to distort the figures; empty when healthy.</summary>
    public static IReadOnlyList<string> Warnings(RunResult result)
    {
        var warnings = new List<string>();
        if (result.Metric(BuiltinMetrics.HarnessSchedulingLag.Name)?.Values.P95 is > LagWarningMs and var lag)
        {
            warnings.Add($"Stampede's own scheduling lag reached p95={lag:0.#}ms: timings finer than that are unreliable (more cores, fewer VUs, or a second load generator).");
        }

        if (result.Metric(BuiltinMetrics.HarnessGcPause.Name)?.Values.Count is { } pause && result.Meta.DurationSeconds > 0
            && pause / (result.Meta.DurationSeconds * 1000) > GcPauseWarningShare)
        {
            warnings.Add($"Stampede paused {pause:0}ms for garbage collection ({100 * pause / (result.Meta.DurationSeconds * 1000):0.#}% of the run): tail latencies include those pauses.");
        }

        // The cores of the machine that ran the test, not of the one rendering its report.
        if (result.Meta.Processors is > 0 and var processors && result.Metric(BuiltinMetrics.HarnessCpu.Name)?.Values.Max is { } cpu
            && cpu / 100 > CpuWarningShare * processors)
        {
            warnings.Add($"Stampede used up to {cpu:0}% CPU of {processors * 100}%: the load generator itself may be the bottleneck.");
        }

        return warnings;
    }
}
