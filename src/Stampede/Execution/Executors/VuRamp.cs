using Stampede.Plans;

namespace Stampede.Execution.Executors;

/// <summary>
/// The VU count a ramping-vus schedule asks for at a moment: linear between stage targets. Pure, so tests drive
/// it as a table without a clock. The count changes exactly when the line crosses a whole number (floor while
/// rising, ceiling while falling), as k6's does.
/// </summary>
internal sealed class VuRamp(double startVus, IReadOnlyList<Stage> stages)
{
    public TimeSpan TotalDuration { get; } = stages.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Duration);

    public int VusAt(TimeSpan elapsed)
    {
        var from = startVus;
        var stageStart = TimeSpan.Zero;
        foreach (var stage in stages)
        {
            var stageEnd = stageStart + stage.Duration;
            if (elapsed < stageEnd)
            {
                var fraction = stage.Duration == TimeSpan.Zero ? 1 : (elapsed - stageStart) / stage.Duration;
                var value = from + (stage.Target - from) * fraction;
                return stage.Target >= from ? (int)Math.Floor(value + 1e-9) : (int)Math.Ceiling(value - 1e-9);
            }

            from = stage.Target;
            stageStart = stageEnd;
        }

        return (int)Math.Round(from);
    }
}
