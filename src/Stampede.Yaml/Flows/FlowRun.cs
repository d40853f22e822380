using Stampede.Data.Templates;
using Stampede.Execution;
using Stampede.Metrics;

namespace Stampede.Yaml.Flows;

/// <summary>
/// A VU's way through its flow (or one pass of setup or teardown): the VU, its template scope, the captured values and
/// the loop counter. Templates read captures, <c>vars:</c> and <c>repeat.index</c> through the scope's variables.
/// </summary>
internal sealed class FlowRun
{
    private readonly FlowShared _shared;
    private readonly Stack<int> _repeats = new();
    private readonly Dictionary<string, object?> _repeat = new(StringComparer.Ordinal) { ["index"] = 0 };
    private readonly Dictionary<string, object?> _checks = new(StringComparer.Ordinal) { ["ok"] = true, ["passed"] = 0, ["failed"] = 0 };
    private int _varDepth;

    public FlowRun(VuContext vu, FlowShared shared, TemplateContext context, IDictionary<string, object?> captures)
    {
        Vu = vu;
        _shared = shared;
        Captures = captures;
        Scope = new TemplateScope(context, vu.Id, Lookup)
        {
            VuIdInScenario = vu.IdInScenario,
            ScenarioName = vu.Scenario,
            Env = shared.EnvFor(vu),
        };
    }

    public VuContext Vu { get; }

    public TemplateScope Scope { get; }

    /// <summary>Captured values: the VU's variables in iterations (kept across them), a fresh map in setup and teardown.</summary>
    public IDictionary<string, object?> Captures { get; }

    /// <summary>Starts an iteration: the VU's numbers and setup data, and the next row of each data set; false when a <c>stop</c> data set ran out.</summary>
    public bool BeginIteration() => Scope.BeginIteration(Vu);

    /// <summary>The data set that has no row for this iteration, if any.</summary>
    public string? ExhaustedDataSet => Scope.Context.Data.Keys.FirstOrDefault(name => Scope.CurrentRow(name) is null);

    public void EnterRepeat(int index)
    {
        _repeats.Push(index);
        _repeat["index"] = index;
    }

    public void SetRepeat(int index)
    {
        _repeats.Pop();
        EnterRepeat(index);
    }

    public void ExitRepeat()
    {
        _repeats.Pop();
        _repeat["index"] = _repeats.Count > 0 ? _repeats.Peek() : 0;
    }

    /// <summary>The <c>tags:</c> of the steps enclosing the one running now (a tagged group's, then the step's own).</summary>
    public TagSet StepTags { get; private set; } = TagSet.Empty;

    /// <summary>Runs <paramref name="body"/> with <paramref name="tags"/> added to the enclosing steps' tags on everything it records.</summary>
    public async Task WithTagsAsync(TagSet? tags, Func<Task> body)
    {
        if (tags is null && StepTags.Count == 0)
        {
            await body().ConfigureAwait(false);
            return;
        }

        var outer = StepTags;
        StepTags = tags is null ? outer : outer.With(tags);
        var previous = Vu.SwapTags(Vu.Tags.With(StepTags));
        try
        {
            await body().ConfigureAwait(false);
        }
        finally
        {
            Vu.SwapTags(previous);
            StepTags = outer;
        }
    }

    /// <summary>
    /// Runs <paramref name="body"/> in the group <paramref name="name"/> with the enclosing steps' tags and the group's own
    /// on everything inside, its <c>group_duration</c> included. Entering and leaving a group set the VU's tags anew
    /// from the scenario's, so the step tags are put back after each.
    /// </summary>
    public async Task InGroupAsync(string name, TagSet? tags, Func<Task> body)
    {
        var outer = StepTags;
        var start = Vu.Time.GetTimestamp();
        var previous = Vu.EnterGroup(name);
        StepTags = tags is null ? outer : outer.With(tags);
        Apply();
        try
        {
            await body().ConfigureAwait(false);
        }
        finally
        {
            Vu.LeaveGroup(previous, start);
            StepTags = outer;
            Apply();
        }
    }

    private void Apply()
    {
        if (StepTags.Count > 0)
        {
            Vu.SwapTags(Vu.Tags.With(StepTags));
        }
    }

    /// <summary>What <c>{{ checks.ok }}</c>, <c>{{ checks.passed }}</c> and <c>{{ checks.failed }}</c> say: the checks of the last request step.</summary>
    public void SetChecks(int passed, int failed)
    {
        _checks["ok"] = failed == 0;
        _checks["passed"] = passed;
        _checks["failed"] = failed;
    }

    private object? Lookup(string name)
    {
        if (Captures.TryGetValue(name, out var value))
        {
            return value;
        }

        if (name == "repeat")
        {
            return _repeat;
        }

        if (name == "checks")
        {
            return _checks;
        }

        if (!_shared.Vars.TryGetValue(name, out var template))
        {
            return null;
        }

        // Cycles are rejected when the plan loads; the depth guard is a second line of defence.
        if (_varDepth > 32)
        {
            return null;
        }

        _varDepth++;
        try
        {
            return template.Render(Scope);
        }
        finally
        {
            _varDepth--;
        }
    }
}
