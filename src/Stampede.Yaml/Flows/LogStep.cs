using System.Runtime.CompilerServices;
using Stampede.Data.Templates;
using Stampede.Metrics;

namespace Stampede.Yaml.Flows;

/// <summary>
/// <c>log: TEXT</c> with <c>level: info | warn | error</c>: writes the rendered text to the run's log (the loader's
/// <see cref="PlanLoadOptions.Log"/>), at most <see cref="PerSecond"/> lines a second per step and run.
/// </summary>
internal sealed class LogStep(Template message, string level, int perSecond, string place, Action<string, string> log) : IFlowStep
{
    // Each run gets its own limits, keyed like the flow's run state by the registry only that run has.
    private readonly ConditionalWeakTable<MetricRegistry, LogLimiter> _limits = new();

    public int PerSecond => perSecond;

    public Task RunAsync(FlowRun run)
    {
        var limiter = _limits.GetValue(run.Vu.Metrics, _ => new LogLimiter(run.Vu.Time, perSecond));
        var (write, suppressed) = limiter.Next();
        if (suppressed > 0)
        {
            log("warn", $"{place}: {suppressed} line{(suppressed == 1 ? "" : "s")} of this log step suppressed (at most {perSecond} a second)");
        }

        if (write)
        {
            log(level, message.Render(run.Scope));
        }

        return Task.CompletedTask;
    }
}
