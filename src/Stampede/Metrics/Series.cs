namespace Stampede.Metrics;

/// <summary>
/// One metric with one tag set: the handle callers resolve once and record into many times.
/// Recording is lock-free and allocation-free; <see cref="Collect"/> runs on the one-second tick only.
/// </summary>
public abstract class Series
{
    private protected Series(Metric metric, TagSet tags, int firstSecond)
    {
        Metric = metric;
        Tags = tags;
        FirstSecond = firstSecond;
    }

    /// <summary>The metric recorded into.</summary>
    public Metric Metric { get; }

    /// <summary>The tags every sample of this series carries.</summary>
    public TagSet Tags { get; }

    /// <summary>Where raw samples go when an output asked for them; null otherwise (the usual case).</summary>
    internal SampleTap? Tap { get; set; }

    /// <summary>The run second in which this series was created; its per-second points start here.</summary>
    internal int FirstSecond { get; }

    /// <summary>Closes the current one-second interval and appends its point. Called by the tick only.</summary>
    internal abstract void Collect();

    /// <summary>Appends a point for a second in which the tick did not reach this series.</summary>
    internal abstract void AppendEmpty();

    /// <summary>
    /// Collects the point for run second <paramref name="second"/>, first padding any seconds this series missed
    /// (it may have been created while an earlier tick was walking the registry).
    /// </summary>
    internal void CollectAt(int second)
    {
        while (FirstSecond + PointCount < second)
        {
            AppendEmpty();
        }

        if (FirstSecond + PointCount == second)
        {
            Collect();
        }
    }

    /// <summary>Number of per-second points collected so far.</summary>
    internal abstract int PointCount { get; }
}
