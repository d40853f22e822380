using System.Runtime.CompilerServices;
using Stampede.Data.Questions;
using Stampede.Data.Templates;
using Stampede.Execution;
using Stampede.Metrics;

namespace Stampede.Yaml.Flows;

/// <summary>
/// What every run of a loaded YAML plan shares: data sets, named templates (<c>vars:</c>), the environment, the clock,
/// the seed and the question settings. Nothing here changes while a plan runs; what does (data positions, each VU's
/// template scope) lives in a <see cref="FlowRunState"/> made for each run.
/// </summary>
internal sealed class FlowShared(
    IReadOnlyList<DataSpec> data,
    IReadOnlyDictionary<string, Template> vars,
    IReadOnlyDictionary<string, string> env,
    TimeProvider time,
    int seed,
    QuestionStrategy questionStrategy,
    IReadOnlyList<QuestionTemplate>? questionTemplates)
{
    /// <summary>Retries are counted apart from requests so a retried failure still shows in http_req_failed.</summary>
    public static readonly Metric Retries = new("http_req_retries", MetricKind.Counter);

    // The run's metric registry is the one object every VU of a run shares and no other run sees, so it keys the
    // run's state: running the same loaded plan twice starts the second run's data from the first row again.
    private readonly ConditionalWeakTable<MetricRegistry, FlowRunState> _runs = new();
    private readonly List<FlowPart> _parts = [];

    public IReadOnlyList<DataSpec> Data { get; } = data;

    public IReadOnlyDictionary<string, Template> Vars { get; } = vars;

    /// <summary>The process environment overlaid with <c>-e KEY=VALUE</c>; plan and scenario env win over it.</summary>
    public IReadOnlyDictionary<string, string> Env { get; } = env;

    public TimeProvider Time { get; } = time;

    public int Seed { get; } = seed;

    public QuestionStrategy QuestionStrategy { get; } = questionStrategy;

    public IReadOnlyList<QuestionTemplate>? QuestionTemplates { get; } = questionTemplates;

    public IReadOnlyList<FlowPart> Parts => _parts;

    /// <summary>Declares a part while the plan loads (never during a run).</summary>
    public FlowPart AddPart(string name, IReadOnlyList<string> dataSets)
    {
        var part = new FlowPart(name, dataSets);
        _parts.Add(part);
        return part;
    }

    /// <summary>The state of the run <paramref name="vu"/> belongs to, created by the first VU that asks.</summary>
    public FlowRunState RunOf(VuContext vu) => _runs.GetValue(vu.Metrics, _ => new FlowRunState(this));

    /// <summary>The variables <paramref name="vu"/> sees as <c>env.NAME</c>: its plan and scenario env over the process environment.</summary>
    public IReadOnlyDictionary<string, string> EnvFor(VuContext vu)
    {
        if (Env.Count == 0)
        {
            return vu.Env;
        }

        var merged = new Dictionary<string, string>(Env, StringComparer.Ordinal);
        foreach (var (key, value) in vu.Env)
        {
            merged[key] = value;
        }

        return merged;
    }
}
