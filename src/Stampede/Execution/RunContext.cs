using Stampede.Metrics;
using Stampede.Plans;

namespace Stampede.Execution;

/// <summary>What every part of one run shares: the plan, the clock, the metrics and the stop signals.</summary>
internal sealed class RunContext
{
    private int _nextVuId;

    public RunContext(TestPlan plan, MetricRegistry registry, TimeProvider time, RunControl control)
    {
        Plan = plan;
        Registry = registry;
        Time = time;
        Control = control;
        BaseTags = TagSet.From(plan.Tags);
    }

    public TestPlan Plan { get; }

    public MetricRegistry Registry { get; }

    public TimeProvider Time { get; }

    public RunControl Control { get; }

    public ErrorLog Errors { get; } = new();

    /// <summary>Tags on every sample of the run.</summary>
    public TagSet BaseTags { get; }

    /// <summary>What setup returned; set before any scenario starts.</summary>
    public object? SetupData { get; set; }

    /// <summary>The run's start, as a <see cref="TimeProvider"/> timestamp.</summary>
    public long StartTimestamp { get; set; }

    public int NextVuId() => Interlocked.Increment(ref _nextVuId);

    public TimeSpan Elapsed => Time.GetElapsedTime(StartTimestamp);
}
