using System.Text.RegularExpressions;
using Stampede.Data.DataSets;
using Stampede.Data.Questions;
using Stampede.Data.Templates;
using Stampede.Execution;
using Stampede.Plans;
using Stampede.Plans.Executors;
using Stampede.Plans.Profiles;
using Stampede.Yaml.Flows;
using Stampede.Yaml.Reading;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Stampede.Yaml;

/// <summary>
/// Loads a YAML test plan into the same <see cref="TestPlan"/> the C# API builds. Every problem is reported at once,
/// each with file, line, column and what was expected; nothing throws for bad input.
/// </summary>
public static partial class YamlPlanLoader
{
    /// <summary>Loads the plan file at <paramref name="path"/>; data files resolve relative to it.</summary>
    public static PlanLoadResult Load(string path, PlanLoadOptions? options = null)
    {
        string text;
        if (Directory.Exists(path))
        {
            // Reading a directory fails with "Access to the path is denied", which sends the user after permissions.
            return new PlanLoadResult { Errors = [new PlanError("", "is a directory; expected a plan file (.yaml or .yml)", new SourceLocation(path))] };
        }

        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new PlanLoadResult { Errors = [new PlanError("", $"cannot read the plan: {exception.Message}", new SourceLocation(path))] };
        }

        return LoadText(text, path, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", options);
    }

    /// <summary>Loads plan text; <paramref name="file"/> names it in errors and <paramref name="baseDirectory"/> resolves data files.</summary>
    public static PlanLoadResult LoadText(string text, string file, string baseDirectory, PlanLoadOptions? options = null)
    {
        options ??= new PlanLoadOptions();
        var reader = new PlanReader(file, baseDirectory, options.Env);
        YamlNode? root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
            if (stream.Documents.Count > 1)
            {
                reader.Error("", "expected one plan per file, found several YAML documents ('---')", stream.Documents[1].RootNode);
            }
        }
        catch (YamlException exception)
        {
            var location = new SourceLocation(file, (int)exception.Start.Line, (int)exception.Start.Column);

            // YamlDotNet places a tab-indentation error at the start of the enclosing mapping; point at the tab.
            if (exception.Message.Contains("tab", StringComparison.Ordinal) && FirstTabIndent(text) is { } tab)
            {
                location = location with { Line = tab, Column = 1 };
            }

            return new PlanLoadResult { Errors = [new PlanError("", SyntaxMessage(exception), location)] };
        }

        if (root is null || reader.IsNull(root))
        {
            return new PlanLoadResult { Errors = [new PlanError("", "the plan is empty: expected at least name: and scenarios:", new SourceLocation(file, 1, 1))] };
        }

        var loader = new Loader(reader, options);
        var (plan, profile) = loader.Read(root);
        if (plan is not null && reader.Errors.Count == 0)
        {
            reader.Errors.AddRange(plan.Validate().Select(Located));
        }

        var errors = InFileOrder(reader.Errors);
        if (plan is null || errors.Count > 0)
        {
            // Warnings about a plan with errors could rest on the parts that failed to read (no request step, no think).
            return new PlanLoadResult { Errors = errors, Profile = profile };
        }

        return new PlanLoadResult
        {
            Plan = plan,
            Profile = profile,
            Warnings = InFileOrder([.. reader.Warnings, .. loader.PauseWarnings, .. plan.Warnings().Select(Located)]),
            StepWarnings = InFileOrder(reader.Warnings),
            PauseWarnings = InFileOrder(loader.PauseWarnings),
        };

        PlanError Located(PlanError problem) =>
            problem.Location is null ? problem with { Location = reader.LocationOf(problem.Path) ?? new SourceLocation(file) } : problem;
    }

    private static List<PlanError> InFileOrder(IEnumerable<PlanError> problems) =>
        [.. problems.OrderBy(e => e.Location?.Line ?? 0).ThenBy(e => e.Location?.Column ?? 0)];

    private static int? FirstTabIndent(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart(' ').StartsWith('\t'))
            {
                return i + 1;
            }
        }

        return null;
    }

    private static string SyntaxMessage(YamlException exception)
    {
        var message = LocationPrefix().Replace(exception.Message, "");
        if (exception.InnerException is { } inner && !string.IsNullOrEmpty(inner.Message))
        {
            message = LocationPrefix().Replace(inner.Message, "");
        }

        return "YAML syntax error: " + message.Trim().TrimEnd('.');
    }

    [GeneratedRegex(@"\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex LocationPrefix();

    private static readonly string[] DataFormats = ["csv", "json"];

    private sealed class Loader(PlanReader reader, PlanLoadOptions options)
    {
        private readonly TemplateReader _templates = new(reader);
        private readonly HashSet<string> _declaredData = new(StringComparer.Ordinal);

        /// <summary>Pauses measured against the scenarios' own executors, which the command line may replace.</summary>
        public List<PlanError> PauseWarnings { get; } = [];

        public (TestPlan? Plan, LoadProfile? Profile) Read(YamlNode root)
        {
            var entries = reader.Mapping(root, "", PlanKeys.Root, "a plan");
            if (root is not YamlMappingNode)
            {
                return (null, null);
            }

            var get = entries.ToDictionary(e => e.Key, e => e.Value);
            var name = get.TryGetValue("name", out var n) ? reader.Text(n, "name") : null;
            if (!get.ContainsKey("name"))
            {
                reader.Missing("", "name", "missing name: every plan needs a name", root);
            }

            Uri? baseUrl = null;
            if (get.TryGetValue("baseUrl", out var b) && reader.Text(b, "baseUrl", "a URL") is { } baseText)
            {
                if (Uri.TryCreate(baseText, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                {
                    baseUrl = uri;
                }
                else
                {
                    reader.Error("baseUrl", $"expected an absolute http:// or https:// URL, found '{baseText}'", b);
                }
            }

            var profile = Profile(get.GetValueOrDefault("profile"), out var parameters);
            // The plan record owns its defaults; the loader reads them off an empty one rather than restating them.
            var defaults = new TestPlan { Name = "" };
            var seed = get.TryGetValue("seed", out var sd) ? reader.Int(sd, "seed", int.MinValue, int.MaxValue) ?? defaults.Seed : defaults.Seed;
            var data = get.TryGetValue("data", out var d) ? Data(d) : [];
            var (strategy, questionTemplates) = get.TryGetValue("questions", out var q) ? Questions(q) : (QuestionStrategy.Mixed, null);
            var vars = get.TryGetValue("vars", out var v) ? Vars(v) : new Dictionary<string, Template>();
            var env = get.TryGetValue("env", out var e) ? reader.StringMap(e, "env", "environment variables") : [];
            var tags = get.TryGetValue("tags", out var t) ? reader.StringMap(t, "tags", "tags") : [];
            var redact = get.TryGetValue("redact", out var rd) ? Redact(rd) : [];
            var http = get.TryGetValue("http", out var h) ? Http(h) : new HttpDefaults();
            var llm = get.TryGetValue("llm", out var l) ? StreamStepReader.Defaults(reader, l) : LlmDefaults.None;
            var monitoring = new MonitorReader(reader).Read(get);
            var flows = new FlowReader(reader, _templates) { Llm = llm };
            var shared = new FlowShared(data, vars, options.Env, options.Time, seed, strategy, questionTemplates);
            Flow? setup = null, teardown = null;
            FlowPart? setupPart = null, teardownPart = null;
            var setupTimeout = defaults.SetupTimeout;
            if (get.TryGetValue("setup", out var s))
            {
                (setup, setupTimeout, setupPart) = Lifecycle(s, "setup", flows, shared, setupTimeout);
            }

            if (get.TryGetValue("teardown", out var td))
            {
                (teardown, _, teardownPart) = Lifecycle(td, "teardown", flows, shared, setupTimeout);
            }

            var scenarios = get.TryGetValue("scenarios", out var sc) ? Scenarios(sc, flows, shared, profile, parameters) : [];
            if (!get.ContainsKey("scenarios"))
            {
                reader.Missing("", "scenarios", "missing scenarios: a plan needs at least one scenario", root);
            }

            IReadOnlyList<Metrics.Metric> metrics = [FlowShared.Retries, .. monitoring.Metrics];
            var thresholds = get.TryGetValue("thresholds", out var th) ? Thresholds(th, metrics) : [];
            WarnOfUnrecordedMetrics(thresholds, flows.Recording, monitoring.Metrics);
            _templates.CheckNames(_declaredData, vars.Keys, setup is not null);
            if (name is null)
            {
                return (null, profile);
            }

            var plan = new TestPlan
            {
                Name = name,
                BaseUrl = baseUrl,
                Scenarios = scenarios,
                Thresholds = thresholds,
                Env = env,
                Tags = tags,
                Redact = redact,
                Http = http,
                Metrics = metrics,
                Monitor = monitoring.Monitor,
                Target = monitoring.Target,
                Chaos = monitoring.Chaos,
                Limits = monitoring.Limits,
                Seed = seed,
                Source = reader.File,
                SetupTimeout = setupTimeout,
                Setup = setup is null ? null : async vu =>
                {
                    var run = shared.RunOf(vu).ForLifecycle(vu, setupPart!, null);
                    await setup.RunAsync(run).ConfigureAwait(false);
                    return run.Captures;
                },
                Teardown = teardown is null ? null : (vu, setupData) =>
                    teardown.RunAsync(shared.RunOf(vu).ForLifecycle(vu, teardownPart!, setupData)),
            };
            return (plan, profile);
        }

        /// <summary>Extra query parameter names to redact; each entry is remembered so the plan's validation can point at it.</summary>
        private List<string> Redact(YamlNode node)
        {
            var names = new List<string>();
            var items = reader.Sequence(node, "redact", "query parameter names such as [session_id, x-signature]");
            for (var i = 0; i < items.Count; i++)
            {
                var (item, path) = (items[i], $"redact[{i}]");
                if (reader.Text(item, path, "a query parameter name") is { } name)
                {
                    reader.Remember(path, item);
                    names.Add(name);
                }
            }

            return names;
        }

        private LoadProfile? Profile(YamlNode? node, out ProfileParameters parameters)
        {
            parameters = options.ProfileParameters;
            string? name = options.Profile;
            YamlNode at = node ?? new YamlScalarNode();
            if (node is YamlMappingNode)
            {
                var get = reader.Mapping(node, "profile", PlanKeys.Profile, "a profile { name, vus, rate, duration }").ToDictionary(e => e.Key, e => e.Value);
                if (get.TryGetValue("name", out var n))
                {
                    name ??= reader.Text(n, "profile.name");
                    at = n;
                }
                else
                {
                    reader.Error("profile", "missing name: (smoke, load, …)", node);
                }

                parameters = new ProfileParameters
                {
                    Vus = parameters.Vus ?? (get.TryGetValue("vus", out var vus) ? reader.Int(vus, "profile.vus", 1, 1_000_000) : null),
                    Rate = parameters.Rate ?? (get.TryGetValue("rate", out var rate) ? reader.Number(rate, "profile.rate", 0.001, 10_000_000) : null),
                    Duration = parameters.Duration ?? (get.TryGetValue("duration", out var duration) ? reader.Duration(duration, "profile.duration", allowZero: false) : null),
                };
            }
            else if (node is not null)
            {
                name ??= reader.Text(node, "profile", "a profile name");
            }

            if (name is null)
            {
                return null;
            }

            var profile = LoadProfiles.Find(name);
            if (profile is null)
            {
                var suggestion = NameSuggestion.Closest(name, LoadProfiles.Names);
                var message = $"unknown profile '{name}'" + (suggestion is null ? "" : $"; did you mean '{suggestion}'?") + $" (profiles: {string.Join(", ", LoadProfiles.Names)})";
                if (node is null)
                {
                    reader.Errors.Add(new PlanError("--profile", message));
                }
                else
                {
                    reader.Error("profile", message, at);
                }
            }

            return profile;
        }

        private List<ScenarioPlan> Scenarios(YamlNode node, FlowReader flows, FlowShared shared, LoadProfile? profile, ProfileParameters parameters)
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
                var uses = _templates.Part = new TemplateUses();
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

                _templates.Part = null;
                var part = shared.AddPart(name, uses.DataSetsWith(shared.Vars));
                var weight = get.TryGetValue("weight", out var w) ? reader.Number(w.Value, path + ".weight", 0.000001, 1_000_000) ?? 1 : 1;
                var executor = get.TryGetValue("executor", out var ex) ? Executor(ex.Value, path, get) : null;
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

        private ExecutorOptions? Executor(YamlNode node, string path, Dictionary<string, (YamlScalarNode KeyNode, YamlNode Value)> get)
        {
            var type = reader.Text(node, path + ".executor", "an executor name");
            if (type is null)
            {
                return null;
            }

            if (!PlanKeys.ExecutorOptions.TryGetValue(type, out var allowed))
            {
                var suggestion = NameSuggestion.Closest(type, PlanKeys.Executors);
                reader.Error(path + ".executor", $"unknown executor '{type}'" + (suggestion is null ? "" : $"; did you mean '{suggestion}'?") + $" (executors: {string.Join(", ", PlanKeys.Executors)})", node);
                return null;
            }

            var ok = true;
            foreach (var (key, (keyNode, _)) in get.Where(e => !PlanKeys.ScenarioCommon.Contains(e.Key) && !allowed.Contains(e.Key)))
            {
                reader.Error(path + "." + key, $"'{key}' does not apply to {type} (it takes: {string.Join(", ", allowed)})", keyNode);
                ok = false;
            }

            int? Int(string key, int min, int max) => get.TryGetValue(key, out var v) ? reader.Int(v.Value, path + "." + key, min, max) : null;
            double? Number(string key) => get.TryGetValue(key, out var v) ? reader.Number(v.Value, path + "." + key, 0, 10_000_000) : null;
            TimeSpan? Time(string key) => get.TryGetValue(key, out var v) ? reader.Duration(v.Value, path + "." + key) : null;
            T Overflow<T>(T options) where T : ArrivalRateOptions => options with
            {
                Overflow = get.TryGetValue("overflow", out var o)
                    ? reader.OneOf(o.Value, path + ".overflow", PlanKeys.OverflowModes) == "drop" ? ArrivalOverflow.Drop : ArrivalOverflow.Queue
                    : options.Overflow,
                MaxQueued = Int("maxQueued", 1, 10_000_000) ?? options.MaxQueued,
                MaxQueueWait = Time("maxQueueWait") ?? options.MaxQueueWait,
            };
            void Require(string key)
            {
                if (!get.ContainsKey(key))
                {
                    reader.Error(path, $"{type} needs {key}:", node);
                    ok = false;
                }
            }

            // Only what the plan says replaces the options' own defaults: the records own them.
            const int Max = 1_000_000;
            ExecutorOptions? options;
            switch (type)
            {
                case "constant-vus":
                    Require("duration");
                    var constant = new ConstantVusOptions();
                    options = constant with { Vus = Int("vus", 1, Max) ?? constant.Vus, Duration = Time("duration") ?? constant.Duration };
                    break;
                case "ramping-vus":
                    Require("stages");
                    var ramping = new RampingVusOptions();
                    options = ramping with
                    {
                        StartVus = Int("startVUs", 0, Max) ?? ramping.StartVus,
                        Stages = Stages(get, path, Max),
                        GracefulRampDown = Time("gracefulRampDown") ?? ramping.GracefulRampDown,
                    };
                    break;
                case "constant-arrival-rate":
                    Require("rate");
                    Require("duration");
                    Require("preAllocatedVUs");
                    var rate = new ConstantArrivalRateOptions();
                    options = Overflow(rate with
                    {
                        Rate = Number("rate") ?? rate.Rate,
                        TimeUnit = Time("timeUnit") ?? rate.TimeUnit,
                        Duration = Time("duration") ?? rate.Duration,
                        PreAllocatedVus = Int("preAllocatedVUs", 1, Max) ?? rate.PreAllocatedVus,
                        MaxVus = Int("maxVUs", 1, Max) ?? rate.MaxVus,
                    });
                    break;
                case "ramping-arrival-rate":
                    Require("stages");
                    Require("preAllocatedVUs");
                    var rampingRate = new RampingArrivalRateOptions();
                    options = Overflow(rampingRate with
                    {
                        StartRate = Number("startRate") ?? rampingRate.StartRate,
                        TimeUnit = Time("timeUnit") ?? rampingRate.TimeUnit,
                        Stages = Stages(get, path, 10_000_000),
                        PreAllocatedVus = Int("preAllocatedVUs", 1, Max) ?? rampingRate.PreAllocatedVus,
                        MaxVus = Int("maxVUs", 1, Max) ?? rampingRate.MaxVus,
                    });
                    break;
                case "per-vu-iterations":
                    var perVu = new PerVuIterationsOptions();
                    options = perVu with
                    {
                        Vus = Int("vus", 1, Max) ?? perVu.Vus,
                        Iterations = Int("iterations", 1, 1_000_000_000) ?? perVu.Iterations,
                        MaxDuration = Time("maxDuration") ?? perVu.MaxDuration,
                    };
                    break;
                default:
                    var shared = new SharedIterationsOptions();
                    options = shared with
                    {
                        Vus = Int("vus", 1, Max) ?? shared.Vus,
                        Iterations = Int("iterations", 1, 1_000_000_000) ?? shared.Iterations,
                        MaxDuration = Time("maxDuration") ?? shared.MaxDuration,
                    };
                    break;
            }

            return ok ? options : null;
        }

        private List<Stage> Stages(Dictionary<string, (YamlScalarNode KeyNode, YamlNode Value)> get, string path, double maxTarget)
        {
            var stages = new List<Stage>();
            if (!get.TryGetValue("stages", out var node))
            {
                return stages;
            }

            var items = reader.Sequence(node.Value, path + ".stages", "stages [{ duration, target }]");
            if (node.Value is YamlSequenceNode && items.Count == 0)
            {
                reader.Error(path + ".stages", "needs at least one stage", node.Value);
            }

            for (var i = 0; i < items.Count; i++)
            {
                var at = $"{path}.stages[{i}]";
                var stage = reader.Mapping(items[i], at, PlanKeys.Stage, "a stage { duration, target }").ToDictionary(e => e.Key, e => e.Value);
                if (items[i] is not YamlMappingNode)
                {
                    continue;
                }

                if (!stage.TryGetValue("duration", out var d) || !stage.TryGetValue("target", out var t))
                {
                    reader.Error(at, $"a stage needs {(stage.ContainsKey("duration") ? "target" : "duration")}:", items[i]);
                    continue;
                }

                var duration = reader.Duration(d, at + ".duration");
                var target = reader.Number(t, at + ".target", 0, maxTarget);
                if (duration is not null && target is not null)
                {
                    stages.Add(new Stage(duration.Value, target.Value));
                }
            }

            if (stages.Count > 0 && stages.Count == items.Count && stages.All(s => s.Duration == TimeSpan.Zero))
            {
                reader.Error(path + ".stages", "the stages add up to no time at all: give at least one stage a duration above 0", node.Value);
            }

            return stages;
        }

        /// <summary>Reads thresholds as written; the library judges them, and each problem is placed at the text it is about.</summary>
        private List<ThresholdPlan> Thresholds(YamlNode node, IReadOnlyList<Metrics.Metric> declared)
        {
            var thresholds = new List<ThresholdPlan>();
            var written = new List<(YamlNode Selector, YamlNode Expression, YamlNode? Delay)>();
            foreach (var (selectorText, keyNode, value) in reader.Mapping(node, "thresholds", null, "thresholds (metric: [expressions])"))
            {
                var path = "thresholds." + selectorText;
                var items = value is YamlSequenceNode list ? list.Children : [value];
                foreach (var item in items)
                {
                    string? expression;
                    var abort = false;
                    var delay = TimeSpan.Zero;
                    YamlNode at = item;
                    YamlNode? delayNode = null;
                    if (item is YamlMappingNode)
                    {
                        var get = reader.Mapping(item, path, PlanKeys.Threshold, "a threshold { threshold, abortOnFail, delayAbortEval }").ToDictionary(e => e.Key, e => e.Value);
                        if (!get.TryGetValue("threshold", out var exprNode))
                        {
                            reader.Error(path, "missing threshold: (an expression such as \"rate<0.01\")", item);
                            continue;
                        }

                        at = exprNode;
                        expression = reader.Text(exprNode, path + ".threshold", "a threshold expression");
                        abort = get.TryGetValue("abortOnFail", out var a) && reader.Bool(a, path + ".abortOnFail") == true;
                        delayNode = get.GetValueOrDefault("delayAbortEval");
                        delay = delayNode is null ? TimeSpan.Zero : reader.Duration(delayNode, path + ".delayAbortEval") ?? TimeSpan.Zero;
                    }
                    else
                    {
                        expression = reader.Text(item, path, "a threshold expression such as \"p(95)<500\"");
                    }

                    if (expression is null)
                    {
                        continue;
                    }

                    thresholds.Add(new ThresholdPlan(selectorText, expression, abort, delay) { Location = reader.At(at) });
                    written.Add((keyNode, at, delayNode));
                }
            }

            foreach (var problem in ThresholdValidation.Problems(thresholds, declared))
            {
                var (selector, expression, delay) = written[problem.Index];
                var at = problem.Part switch
                {
                    ThresholdPart.Selector => selector,
                    ThresholdPart.Expression => expression,
                    _ => delay ?? expression,
                };
                reader.Errors.Add(new PlanError(problem.Path, problem.Message, problem.Column is { } column ? Column(at, column) : reader.At(at)));
            }

            return thresholds;
        }

        /// <summary>A threshold on a built-in metric that only a kind of step records, when the plan has no such step.</summary>
        private void WarnOfUnrecordedMetrics(List<ThresholdPlan> thresholds, HashSet<string> recording, IReadOnlyList<Metrics.Metric> declared)
        {
            var warned = new HashSet<string>(StringComparer.Ordinal);
            foreach (var threshold in thresholds)
            {
                var selector = Stampede.Thresholds.MetricSelector.Parse(threshold.Selector);
                if (!selector.Succeeded || declared.Any(m => m.Name == selector.Value.MetricName))
                {
                    continue;
                }

                var metric = selector.Value.MetricName;
                if (StepMetrics.RecordedBy(metric) is { } source && !recording.Contains(source.Kind) && warned.Add(metric))
                {
                    reader.Warnings.Add(new PlanError("thresholds." + threshold.Selector,
                        $"no step of this plan records '{metric}': only {source.Steps} steps do, so this threshold has nothing to judge",
                        threshold.Location));
                }
            }
        }

        private SourceLocation Column(YamlNode node, int offset)
        {
            var at = reader.At(node);
            var quoted = node is YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted } ? 1 : 0;
            return at with { Column = at.Column + Math.Max(0, offset) + quoted };
        }

        private List<DataSpec> Data(YamlNode node)
        {
            var sets = new List<DataSpec>();
            foreach (var (name, _, value) in reader.Mapping(node, "data", null, "data sets (name: { csv: FILE })"))
            {
                var path = "data." + name;
                _declaredData.Add(name);
                var entries = reader.Mapping(value, path, PlanKeys.DataSource, "a data set { csv: FILE } or { json: FILE }");
                if (value is not YamlMappingNode)
                {
                    continue;
                }

                var get = entries.ToDictionary(e => e.Key, e => e.Value);
                var formats = DataFormats.Where(get.ContainsKey).ToList();
                if (formats.Count != 1)
                {
                    reader.Error(path, formats.Count == 0 ? "a data set needs csv: FILE or json: FILE" : "a data set has one file: csv: or json:, not both", value);
                    continue;
                }

                var pick = get.TryGetValue("pick", out var p) ? reader.OneOf(p, path + ".pick", PlanKeys.Picks) : "sequential";
                var exhausted = get.TryGetValue("onExhausted", out var o) ? reader.OneOf(o, path + ".onExhausted", PlanKeys.Exhausted) : pick == "unique" ? "stop" : "cycle";
                var fileNode = get[formats[0]];
                var file = reader.Text(fileNode, path + "." + formats[0], "a file path");
                if (file is null || pick is null || exhausted is null)
                {
                    continue;
                }

                var full = Path.GetFullPath(Path.Combine(reader.BaseDirectory, file));
                if (!File.Exists(full))
                {
                    reader.Error(path + "." + formats[0], $"data file '{file}' not found (paths are relative to the plan file)", fileNode);
                    continue;
                }

                var before = reader.Errors.Count;
                var set = DataSet.Load(name, full, reader.Errors, reader.At(fileNode));
                if (reader.Errors.Count == before)
                {
                    sets.Add(new DataSpec(set, Enum.Parse<PickMode>(pick, ignoreCase: true), Enum.Parse<ExhaustedBehaviour>(exhausted, ignoreCase: true)));
                }
            }

            return sets;
        }

        private (QuestionStrategy Strategy, IReadOnlyList<QuestionTemplate>? Templates) Questions(YamlNode node)
        {
            var get = reader.Mapping(node, "questions", PlanKeys.Questions, "questions { strategy, templates }").ToDictionary(e => e.Key, e => e.Value);
            var strategy = get.TryGetValue("strategy", out var s) ? reader.OneOf(s, "questions.strategy", PlanKeys.QuestionStrategies) : null;
            var parsed = strategy is null ? QuestionStrategy.Mixed : Enum.Parse<QuestionStrategy>(strategy, ignoreCase: true);
            if (!get.TryGetValue("templates", out var t) || reader.Text(t, "questions.templates", "a file path") is not { } file)
            {
                return (parsed, null);
            }

            var full = Path.GetFullPath(Path.Combine(reader.BaseDirectory, file));
            if (!File.Exists(full))
            {
                reader.Error("questions.templates", $"questions file '{file}' not found (paths are relative to the plan file)", t);
                return (parsed, null);
            }

            var before = reader.Errors.Count;
            var templates = QuestionGenerator.LoadTemplates(full, reader.Errors);
            for (var i = before; i < reader.Errors.Count; i++)
            {
                reader.Errors[i] = reader.Errors[i] with { Location = reader.Errors[i].Location ?? reader.At(t) };
            }

            if (reader.Errors.Count == before && templates.Count == 0)
            {
                reader.Error("questions.templates", $"questions file '{file}' has no questions", t);
            }

            return (parsed, reader.Errors.Count == before ? templates : null);
        }

        private Dictionary<string, Template> Vars(YamlNode node)
        {
            var vars = new Dictionary<string, Template>(StringComparer.Ordinal);
            var nodes = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            foreach (var (name, keyNode, value) in reader.Mapping(node, "vars", null, "named templates (name: text)"))
            {
                if (PlanKeys.TemplateRoots.Contains(name))
                {
                    reader.Error("vars." + name, $"'{name}' is a reserved template name", keyNode);
                    continue;
                }

                if (_templates.Parse(value, "vars." + name) is { } template)
                {
                    vars[name] = template;
                    nodes[name] = keyNode;
                }
            }

            if (Template.FindCycle(vars) is { } cycle)
            {
                reader.Error("vars." + cycle[0], $"circular template: {string.Join(" → ", cycle)}", nodes[cycle[0]]);
            }

            return vars;
        }

        private HttpDefaults Http(YamlNode node)
        {
            var http = new HttpDefaults();
            foreach (var (key, _, value) in reader.Mapping(node, "http", PlanKeys.Http, "HTTP settings"))
            {
                var path = "http." + key;
                http = key switch
                {
                    "timeout" => reader.Duration(value, path, allowZero: false) is { } timeout ? http with { Timeout = timeout } : http,
                    "maxRedirects" => reader.Int(value, path, 0, 100) is { } redirects ? http with { MaxRedirects = redirects } : http,
                    "http2" => http with { Http2 = reader.Bool(value, path) ?? false },
                    "insecureSkipTlsVerify" => http with { InsecureSkipTlsVerify = reader.Bool(value, path) ?? false },
                    "cookies" => http with { Cookies = reader.Bool(value, path) ?? true },
                    "shareConnections" => http with { ShareConnections = reader.Bool(value, path) ?? false },
                    _ => http with { Headers = reader.StringMap(value, path, "headers") },
                };
            }

            return http;
        }

        private (Flow? Flow, TimeSpan Timeout, FlowPart? Part) Lifecycle(YamlNode node, string path, FlowReader flows, FlowShared shared, TimeSpan timeout)
        {
            var get = reader.Mapping(node, path, PlanKeys.Lifecycle, $"{path} {{ steps: [...] }}").ToDictionary(e => e.Key, e => e.Value);
            if (node is not YamlMappingNode)
            {
                return (null, timeout, null);
            }

            if (get.TryGetValue("timeout", out var t))
            {
                timeout = reader.Duration(t, path + ".timeout", allowZero: false) ?? timeout;
            }

            if (!get.TryGetValue("steps", out var steps))
            {
                reader.Error(path, $"{path} needs steps:", node);
                return (null, timeout, null);
            }

            var uses = _templates.Part = new TemplateUses();
            var flow = flows.Flow(steps, path + ".steps");
            _templates.Part = null;
            return (flow, timeout, shared.AddPart(path, uses.DataSetsWith(shared.Vars)));
        }
    }
}
