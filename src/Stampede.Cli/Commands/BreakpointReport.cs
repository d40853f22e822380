using Stampede.Plans;
using Stampede.Plans.Executors;
using Stampede.Plans.Profiles;
using Stampede.Metrics;

namespace Stampede.Cli.Commands;

/// <summary>Says where a breakpoint run broke: the arrival rate its ramp had reached when a threshold stopped it.</summary>
internal static class BreakpointReport
{
    public static void Write(TextWriter output, TestPlan plan, RunResult result)
    {
        var elapsed = TimeSpan.FromSeconds(result.Meta.DurationSeconds);
        var rate = plan.Scenarios
            .Where(s => s.Executor is RampingArrivalRateOptions)
            .Sum(s => BreakpointProfile.RateAt((RampingArrivalRateOptions)s.Executor, elapsed - s.StartTime));
        output.WriteLine(result.Meta.StopReason is { } reason
            ? $"breakpoint: broke at ~{rate:0.#} iterations/s after {Duration.Format(TimeSpan.FromSeconds(Math.Round(elapsed.TotalSeconds)))} ({reason})"
            : $"breakpoint: did not break; the ramp ended at ~{rate:0.#} iterations/s with every threshold holding");
    }
}
