using Stampede.Metrics;
using Stampede.Plans;
using Stampede.Plans.Executors;
using Stampede.Plans.Profiles;

namespace Stampede.Cli.Commands;

/// <summary>Says where a breakpoint run broke: the arrival rate its ramp had reached when a threshold stopped it.</summary>
internal static class BreakpointReport
{
    /// <summary>The note the result carries: <c>breakpoint_rate</c>, the arrival rate (iterations/s) reached when the run stopped.</summary>
    public const string RateNote = "breakpoint_rate";

    public static void Write(TextWriter output, TestPlan plan, RunResult result)
    {
        var elapsed = TimeSpan.FromSeconds(result.Meta.DurationSeconds);
        var rate = Rate(plan, result);
        output.WriteLine(result.Meta.StopReason is { } reason
            ? $"breakpoint: broke at ~{rate:0.#} iterations/s after {Duration.Format(TimeSpan.FromSeconds(Math.Round(elapsed.TotalSeconds)))} ({reason})"
            : $"breakpoint: did not break; the ramp ended at ~{rate:0.#} iterations/s with every threshold holding");
    }

    /// <summary>Notes for the result: the rate the ramp had reached, rounded to a tenth.</summary>
    public static IReadOnlyDictionary<string, double> Notes(TestPlan plan, RunResult result) =>
        new Dictionary<string, double> { [RateNote] = Math.Round(Rate(plan, result), 1) };

    private static double Rate(TestPlan plan, RunResult result)
    {
        var elapsed = TimeSpan.FromSeconds(result.Meta.DurationSeconds);
        return plan.Scenarios
            .Where(s => s.Executor is RampingArrivalRateOptions)
            .Sum(s => BreakpointProfile.RateAt((RampingArrivalRateOptions)s.Executor, elapsed - s.StartTime));
    }
}
