using System.Globalization;
using Stampede.Metrics;

namespace Stampede.Outputs;

/// <summary>
/// The one wording of the warning that arrivals were dropped, which the summary, every report and the live view
/// give beside their latency figures: how many, what share of the arrivals, and that the percentiles leave them
/// out. An open-model test that drops arrivals measures only the iterations it managed to start, so without the
/// warning its latencies look best exactly when the target is worst.
/// </summary>
public sealed class DroppedArrivalsNotice
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private DroppedArrivalsNotice(DroppedArrivalsResult drops)
    {
        Drops = drops;
    }

    /// <summary>The figures the notice speaks of.</summary>
    public DroppedArrivalsResult Drops { get; }

    /// <summary>The notice for <paramref name="result"/>, or null when no arrival was dropped (then nothing is said).</summary>
    public static DroppedArrivalsNotice? For(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.DroppedArrivals is { } drops ? new DroppedArrivalsNotice(drops) : null;
    }

    /// <summary>A title for the notice: <c>Dropped arrivals</c>.</summary>
    public static string Title => "Dropped arrivals";

    /// <summary>How many were dropped, e.g. <c>120 of 400 arrivals (30.00%) were dropped: no VU was free to start them.</c></summary>
    public string Headline => $"{Count(Drops.Dropped)} of {Count(Drops.Dropped + Drops.Started)} arrivals ({ValueFormat.Percent(Drops.Fraction)}) were dropped: no VU was free to start them.";

    /// <summary>What that means for the latency figures, and what to do about it.</summary>
    public static string Explanation =>
        "The latency percentiles exclude them: they describe only the iterations that started, so they understate what " +
        "users arriving on that schedule would have seen. Allow more VUs (maxVUs), or use overflow: queue so that arrivals " +
        "wait for a VU and the wait counts in iteration_response_time.";

    /// <summary>A short reminder to put right beside latency figures that the notice is given elsewhere.</summary>
    public string Reminder => $"{Share(Drops.Dropped, Drops.Started)}; the latency figures exclude them";

    /// <summary>The headline and the explanation as one paragraph.</summary>
    public string Text => Headline + " " + Explanation;

    /// <summary>One line per arrival-rate scenario that dropped arrivals, e.g. <c>checkout: 120 of 400 arrivals dropped (30.00%)</c>.</summary>
    public IReadOnlyList<string> ScenarioLines =>
        [.. Drops.Scenarios.Where(s => s.Dropped > 0).Select(s => $"{s.Name}: {Share(s.Dropped, s.Started)}")];

    /// <summary>The short form, also for live progress: <c>120 of 400 arrivals dropped (30.00%)</c>.</summary>
    public static string Share(long dropped, long started) =>
        $"{Count(dropped)} of {Count(dropped + started)} arrivals dropped ({ValueFormat.Percent(DroppedArrivalsResult.Share(dropped, started))})";

    /// <summary>The live form, while the run goes: <c>120 of 400 arrivals dropped (30.00%): latencies exclude them</c>, or null while none was.</summary>
    public static string? Live(IReadOnlyList<ScenarioProgress> scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        var open = scenarios.Where(s => DroppedArrivalsResult.IsOpenModel(s.Executor, s.Dropped)).ToList();
        var dropped = open.Sum(s => s.Dropped);
        return dropped == 0 ? null : Share(dropped, open.Sum(s => s.Iterations)) + ": latencies exclude them";
    }

    private static string Count(long value) => value.ToString("N0", Invariant);
}
