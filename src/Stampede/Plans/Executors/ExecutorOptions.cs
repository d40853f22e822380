namespace Stampede.Plans.Executors;

/// <summary>How a scenario schedules its iterations: one subtype per executor, with k6's option names and defaults.</summary>
public abstract record ExecutorOptions
{
    private protected ExecutorOptions()
    {
    }

    /// <summary>The executor's name in plans: <c>constant-vus</c>, <c>ramping-arrival-rate</c>, …</summary>
    public abstract string Type { get; }

    /// <summary>How long the executor schedules work (for iteration-based executors: their <c>maxDuration</c>).</summary>
    public abstract TimeSpan ScheduledDuration { get; }

    /// <summary>The most VUs this executor may ever hold at once.</summary>
    public abstract int PeakVus { get; }

    /// <summary>Adds every problem with these options to <paramref name="errors"/>; <paramref name="path"/> names them.</summary>
    internal abstract void Validate(string path, List<PlanError> errors);

    /// <summary>Upper bound on VUs and iterations a plan may ask for, so a typo cannot exhaust the machine.</summary>
    internal const int VuLimit = 1_000_000;

    private protected static void RequirePositive(double value, string path, string name, List<PlanError> errors)
    {
        if (!(value > 0))
        {
            errors.Add(new PlanError($"{path}.{name}", $"must be greater than 0, got {value}"));
        }
    }

    private protected static void RequireVus(int value, string path, string name, List<PlanError> errors, bool allowZero = false)
    {
        if (value < (allowZero ? 0 : 1) || value > VuLimit)
        {
            errors.Add(new PlanError($"{path}.{name}", $"must be between {(allowZero ? 0 : 1)} and {VuLimit:N0}, got {value}"));
        }
    }

    private protected static void RequireIterations(int iterations, string path, List<PlanError> errors)
    {
        if (iterations < 1 || iterations > 1_000_000_000)
        {
            errors.Add(new PlanError($"{path}.iterations", $"must be between 1 and 1,000,000,000, got {iterations}"));
        }
    }

    private protected static void RequireStages(IReadOnlyList<Stage> stages, string path, List<PlanError> errors, double maxTarget)
    {
        if (stages.Count == 0)
        {
            errors.Add(new PlanError($"{path}.stages", "needs at least one stage"));
        }

        var total = TimeSpan.Zero;
        for (var i = 0; i < stages.Count; i++)
        {
            var stage = stages[i];
            if (stage.Duration < TimeSpan.Zero)
            {
                errors.Add(new PlanError($"{path}.stages[{i}].duration", "must not be negative"));
            }

            if (stage.Target < 0 || stage.Target > maxTarget || double.IsNaN(stage.Target))
            {
                errors.Add(new PlanError($"{path}.stages[{i}].target", $"must be between 0 and {maxTarget:N0}, got {stage.Target}"));
            }

            total += stage.Duration;
        }

        if (stages.Count > 0 && total <= TimeSpan.Zero)
        {
            errors.Add(new PlanError($"{path}.stages", "the stages add up to no time at all"));
        }
    }
}
