namespace Stampede.Plans.Monitoring;

/// <summary>
/// Limits that stop a run cleanly, beyond thresholds (the plan's <c>limits:</c>). A stopped run still writes its
/// results, and the summary says which limit stopped it. Checked on the one-second tick.
/// </summary>
public sealed record RunLimits
{
    /// <summary>Stop when the share of failed HTTP requests stays above a maximum for a while. Default null: no limit.</summary>
    public ErrorRateLimit? ErrorRate { get; init; }

    /// <summary>Stop when the run has lasted this long, whatever its schedule. Default null: no limit.</summary>
    public TimeSpan? MaxDuration { get; init; }
}

/// <summary>Stop when <c>http_req_failed</c> exceeds <paramref name="Max"/> in every second (with requests) for <paramref name="For"/>.</summary>
/// <param name="Max">Largest acceptable share of failed requests, 0–1 (0.1 is 10%).</param>
/// <param name="For">How long the share must stay above <paramref name="Max"/>; whole seconds, at least 1s.</param>
public sealed record ErrorRateLimit(double Max, TimeSpan For);
