using Stampede.Execution;
using Stampede.Plans;
using Stampede.Plans.Executors;
using Stampede.Plans.Profiles;
using Stampede.Yaml.Flows;
using YamlDotNet.RepresentationModel;

namespace Stampede.Yaml.Reading;

/// <summary>Reads <c>scenarios:</c>: each one's flow, weight, executor, timing, tags and environment; scenarios without an executor share the profile by weight.</summary>
internal sealed class ScenarioReader(PlanReader reader, TemplateReader templates, FlowReader flows, FlowShared shared)
{
    private readonly ExecutorReader _executors = new(reader);

    /// <summary>Pauses measured against the scenarios' own executors, which the command line may replace.</summary>
    public List<PlanError> PauseWarnings { get; } = [];

    public List<ScenarioPlan> Read(YamlNode node, LoadProfile? profile, ProfileParameters parameters)
    {
        var read = new List<(string Name, YamlNode Node, Flow Flow, double Weight, ExecutorOptions? Executor, ScenarioPlan Template)>();
        var entries = reader.Mapping(node, "scenarios", null, "scenarios (a mapping of name: scenario)");
        if (node is YamlMappingNode { Children.Count: 0 })
        {
            reader.Error("scenarios", "the plan has no scenario to run", node);
        }

        foreach (var (name, _, value) in entries)
        {
            var path = "scenarios." + name;
            var get = reader.Mapping(value, path, PlanKeys.Scenario, "a scenario").ToDictionary(e => e.Key, e => (e.KeyNode, e.Value));
            if (value is not YamlMappingNode)
            {
                continue;
            }

            Flow flow;
            var uses = templates.Part = new TemplateUses();
            if (get.TryGetValue("flow", out var f))
            {
                flow = flows.Flow(f.Value, path + ".flow");
                if (flows.Inert(flow) is { } inert)
                {
                    reader.Errors.Add(new PlanError(path + ".flow", $"{inert.Why}, and no other step of this scenario can run: every iteration would do nothing", inert.At));
                }
            }
            else
            {
                reader.Missing(path, "flow", "missing flow: the steps of this scenario", value);
                flow = new Flow([]);
            }

            templates.Part = null;
            var part = shared.AddPart(name, uses.DataSetsWith(shared.Vars));
            var weight = get.TryGetValue("weight", out var w) ? reader.Number(w.Value, path + ".weight", 0.000001, 1_000_000) ?? 1 : 1;
            var executor = get.TryGetValue("executor", out var ex) ? _executors.Read(ex.Value, path, get) : null;
            if (executor is null && !get.ContainsKey("executor"))
            {
                var stray = get.Keys.FirstOrDefault(k => !PlanKeys.ScenarioCommon.Contains(k));
                if (stray is not null)
                {
                    reader.Error(path + "." + stray, $"'{stray}' is an executor option: add executor: (one of {string.Join(", ", PlanKeys.Executors)}) or remove it and use profile:", get[stray].KeyNode);
                }
            }

            var template = new ScenarioPlan { Name = name, Executor = new ConstantVusOptions(), Iteration = Iteration(flow, shared, part) };
            template = template with
            {
                StartTime = get.TryGetValue("startTime", out var st) ? reader.Duration(st.Value, path + ".startTime") ?? template.StartTime : template.StartTime,
                GracefulStop = get.TryGetValue("gracefulStop", out var gs) ? reader.Duration(gs.Value, path + ".gracefulStop") ?? template.GracefulStop : template.GracefulStop,
                Tags = get.TryGetValue("tags", out var tg) ? reader.StringMap(tg.Value, path + ".tags", "tags") : template.Tags,
                Env = get.TryGetValue("env", out var en) ? reader.StringMap(en.Value, path + ".env", "environment variables") : template.Env,
            };
            read.Add((name, value, flow, weight, executor, template));
        }

        // Scenarios without an executor share the profile (smoke when the plan has none) by weight.
        profile ??= LoadProfiles.Find("smoke")!;
        var totalWeight = read.Where(r => r.Executor is null).Sum(r => r.Weight);
        var scenarios = new List<ScenarioPlan>();
        foreach (var r in read)
        {
            var scenario = r.Template with { Executor = r.Executor ?? profile.Build(parameters, totalWeight > 0 ? r.Weight / totalWeight : 1) };
            WarnOfLongPauses(r.Flow, scenario, "scenarios." + r.Name);
            scenarios.Add(scenario);
        }

        return scenarios;

        void WarnOfLongPauses(Flow flow, ScenarioPlan scenario, string path)
        {
            var limit = scenario.Executor.ScheduledDuration;
            if (limit <= TimeSpan.Zero || flows.Pauses(flow, limit) is not { At: { } at } pauses)
            {
                return;
            }

            var whole = scenario.Executor is PerVuIterationsOptions or SharedIterationsOptions
                ? $"its maxDuration, {Duration.Format(limit)}"
                : Duration.Format(limit);
            PauseWarnings.Add(new PlanError(path + ".flow",
                $"one iteration pauses at least {Duration.Format(pauses.Total)} in think steps, as long as or longer than the whole scenario ({whole}): each VU gets through one iteration at most",
                at));
        }
    }

    private static Func<VuContext, Task> Iteration(Flow flow, FlowShared shared, FlowPart part) => async vu =>
    {
        var run = shared.RunOf(vu).ForVu(vu, part);
        if (!run.BeginIteration())
        {
            // An iteration cannot end its VU, so a VU whose `stop` data ran out aborts each iteration; the pause keeps
            // it from spinning through empty ones.
            await vu.SleepAsync(TimeSpan.FromMilliseconds(100)).ConfigureAwait(false);
            vu.AbortIteration($"data '{run.ExhaustedDataSet}' has no rows left");
        }

        await flow.RunAsync(run).ConfigureAwait(false);
    };
}
