using System.Collections.Concurrent;
using Stampede.Data.DataSets;
using Stampede.Data.Templates;
using Stampede.Execution;

namespace Stampede.Yaml.Flows;

/// <summary>
/// One run's state of a YAML plan: fresh data positions (so <c>unique</c> rows are unique across the run and every run
/// starts from the first row), one template context per part sharing those positions, and each VU's flow state.
/// </summary>
internal sealed class FlowRunState
{
    private readonly FlowShared _shared;
    private readonly Dictionary<FlowPart, TemplateContext> _contexts;
    private readonly ConcurrentDictionary<int, FlowRun> _vus = new();

    public FlowRunState(FlowShared shared)
    {
        _shared = shared;
        var sources = shared.Data.ToDictionary(d => d.Set.Name, d => new DataSource(d.Set, d.Mode, d.OnExhausted), StringComparer.Ordinal);
        _contexts = shared.Parts.ToDictionary(
            part => part,
            part => new TemplateContext(shared.Seed, shared.Time, part.DataSets.Where(sources.ContainsKey).Select(name => sources[name]))
            {
                QuestionStrategy = shared.QuestionStrategy,
                QuestionTemplates = shared.QuestionTemplates,
            });
    }

    /// <summary>The flow state of <paramref name="vu"/> in scenario <paramref name="part"/>, kept for all its iterations (VU ids are unique within a run).</summary>
    public FlowRun ForVu(VuContext vu, FlowPart part) =>
        _vus.GetOrAdd(vu.Id, static (_, arg) => new FlowRun(arg.vu, arg.self._shared, arg.self._contexts[arg.part], arg.vu.Vars), (vu, part, self: this));

    /// <summary>A one-off flow state for setup or teardown: its own captures and, for teardown, what setup captured.</summary>
    public FlowRun ForLifecycle(VuContext vu, FlowPart part, object? setupData)
    {
        var run = new FlowRun(vu, _shared, _contexts[part], new Dictionary<string, object?>(StringComparer.Ordinal));
        run.Scope.BeginIteration(0, 0);
        run.Scope.SetupData = setupData;
        return run;
    }
}
