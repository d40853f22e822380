using Stampede.Data.Questions;
using Stampede.Data.Templates;
using Stampede.Plans;
using Stampede.Plans.Profiles;
using Stampede.Yaml.Flows;
using YamlDotNet.RepresentationModel;

namespace Stampede.Yaml.Reading;

/// <summary>Reads a plan's root mapping into a <see cref="TestPlan"/>, handing each key to the reader of its concept.</summary>
internal sealed class RootReader(PlanReader reader, PlanLoadOptions options)
{
    private readonly TemplateReader _templates = new(reader);
    private readonly DataReader _data = new(reader);

    /// <summary>Pauses measured against the scenarios' own executors, which the command line may replace.</summary>
    public List<PlanError> PauseWarnings { get; } = [];

    public (TestPlan? Plan, LoadProfile? Profile) Read(YamlNode root)
    {
        var includes = new IncludeReader(reader);
        if (root is YamlMappingNode mapping)
        {
            includes.MergeInto(mapping);
        }

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

        var profile = new ProfileReader(reader, options).Read(get.GetValueOrDefault("profile"), out var parameters);
        // The plan record owns its defaults; the loader reads them off an empty one rather than restating them.
        var defaults = new TestPlan { Name = "" };
        var seed = get.TryGetValue("seed", out var sd) ? reader.Int(sd, "seed", int.MinValue, int.MaxValue) ?? defaults.Seed : defaults.Seed;
        var data = get.TryGetValue("data", out var d) ? _data.Read(d) : [];
        var (strategy, questionTemplates) = get.TryGetValue("questions", out var q) ? new QuestionsReader(reader).Read(q) : (QuestionStrategy.Mixed, null);
        var vars = get.TryGetValue("vars", out var v) ? new VarsReader(reader, _templates).Read(v) : new Dictionary<string, Template>();
        var env = get.TryGetValue("env", out var e) ? reader.StringMap(e, "env", "environment variables") : [];
        var tags = get.TryGetValue("tags", out var t) ? reader.StringMap(t, "tags", "tags") : [];
        var redact = get.TryGetValue("redact", out var rd) ? Redact(rd) : [];
        var http = get.TryGetValue("http", out var h) ? new HttpSettingsReader(reader).Read(h) : new HttpDefaults();
        var llm = get.TryGetValue("llm", out var l) ? LlmSettingsReader.Defaults(reader, l) : LlmDefaults.None;
        var monitoring = new MonitorReader(reader) { BaseUrl = baseUrl }.Read(get);
        var custom = get.TryGetValue("metrics", out var cm) ? new MetricsReader(reader).Read(cm) : [];
        var tenants = get.TryGetValue("tenants", out var tn) ? new TenantsReader(reader).Read(tn) : null;
        var flows = new FlowReader(reader, _templates) { Llm = llm, Declared = custom, Log = options.Log, Includes = includes };
        var shared = new FlowShared(data, vars, options.Env, options.Time, seed, strategy, questionTemplates);
        Flow? setup = null, teardown = null;
        FlowPart? setupPart = null, teardownPart = null;
        var lifecycle = new LifecycleReader(reader, _templates, flows, shared);
        var setupTimeout = defaults.SetupTimeout;
        if (get.TryGetValue("setup", out var s))
        {
            (setup, setupTimeout, setupPart) = lifecycle.Read(s, "setup", setupTimeout);
        }

        if (get.TryGetValue("teardown", out var td))
        {
            (teardown, _, teardownPart) = lifecycle.Read(td, "teardown", setupTimeout);
        }

        var scenarioReader = new ScenarioReader(reader, _templates, flows, shared);
        var scenarios = get.TryGetValue("scenarios", out var sc) ? scenarioReader.Read(sc, profile, parameters) : [];
        PauseWarnings.AddRange(scenarioReader.PauseWarnings);
        if (!get.ContainsKey("scenarios"))
        {
            reader.Missing("", "scenarios", "missing scenarios: a plan needs at least one scenario", root);
        }

        IReadOnlyList<Metrics.Metric> metrics = [FlowShared.Retries, .. custom.Values, .. monitoring.Metrics];
        var thresholdReader = new ThresholdReader(reader);
        var thresholds = get.TryGetValue("thresholds", out var th) ? thresholdReader.Read(th, metrics) : [];
        thresholdReader.WarnOfUnrecordedMetrics(thresholds, flows.Recording, [.. custom.Values, .. monitoring.Metrics]);
        _templates.CheckNames(_data.Declared, vars.Keys, setup is not null, tenants is not null);
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
            Tenants = tenants,
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
            WriteSetupData = SetupDataJson.Write,
            ReadSetupData = SetupDataJson.Read,
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
}
