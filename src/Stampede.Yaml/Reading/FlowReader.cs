using System.Globalization;
using System.Text.Json.Nodes;
using Stampede.Data.Templates;
using Stampede.Metrics;
using Stampede.Plans;
using Stampede.Protocols.Http;
using Stampede.Yaml.Flows;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Stampede.Yaml.Reading;

/// <summary>Reads user journeys: steps, groups, loops, conditions, pauses, and requests with their checks and captures.</summary>
internal sealed class FlowReader(PlanReader reader, TemplateReader templates)
{
    private static readonly string[] BodyKinds = ["json", "form", "body", "multipart", "bodyFile"];

    private StreamStepReader? _streams;
    private BodyReader? _bodies;

    private BodyReader Bodies => _bodies ??= new BodyReader(reader, templates);

    // Steps are records, equal by value; these side tables are about the very step read at a place.
    private readonly Dictionary<IFlowStep, (SourceLocation At, string Why)> _inert = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<IFlowStep, SourceLocation> _thinks = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<Flow> _partial = new(ReferenceEqualityComparer.Instance);

    /// <summary>Defaults the plan's top-level <c>llm:</c> gives every <c>llm:</c> step.</summary>
    public LlmDefaults Llm { get; init; } = LlmDefaults.None;

    /// <summary>Where <c>log:</c> steps write (the run's log).</summary>
    public Action<string, string> Log { get; init; } = (_, _) => { };

    /// <summary>The plan's custom metrics (<c>metrics:</c>) by name, which request steps add to with <c>metric:</c>.</summary>
    public IReadOnlyDictionary<string, Metric> Declared { get; init; } = new Dictionary<string, Metric>();

    /// <summary>Where <c>- include: FILE</c> steps come from.</summary>
    public IncludeReader Includes { get; init; } = new(reader);

    /// <summary>The kinds of metric-recording step the plan has anywhere: request, sse, ws, llm, group.</summary>
    public HashSet<string> Recording { get; } = new(StringComparer.Ordinal);

    public Flow Flow(YamlNode node, string path)
    {
        var steps = new List<IFlowStep>();
        var items = reader.Sequence(node, path, "a list of steps");
        if (node is YamlSequenceNode && items.Count == 0)
        {
            // An empty scenario flow would spin through empty iterations as fast as the machine allows.
            reader.Error(path, "an empty list of steps does nothing: give at least one step", node);
        }

        var partial = false;
        for (var i = 0; i < items.Count; i++)
        {
            partial |= !Add(items[i], $"{path}[{i}]", steps);
        }

        var flow = new Flow(steps);
        if (partial)
        {
            _partial.Add(flow);
        }

        return flow;
    }

    /// <summary>Reads one step into <paramref name="steps"/>, or the steps of an included file in its place; false when something could not be read.</summary>
    private bool Add(YamlNode item, string path, List<IFlowStep> steps)
    {
        if (item is YamlMappingNode { Children.Count: 1 } only && only.Children.First().Key is YamlScalarNode { Value: "include" })
        {
            var value = only.Children.First().Value;
            reader.Remember(path, item);
            var included = Includes.EnterSteps(value, path + ".include");
            if (included is null)
            {
                return false;
            }

            try
            {
                var ok = true;
                for (var j = 0; j < included.Count; j++)
                {
                    ok &= Add(included[j], $"{path}.include[{j}]", steps);
                }

                return ok;
            }
            finally
            {
                Includes.Leave();
            }
        }

        if (Step(item, path) is { } step)
        {
            steps.Add(step);
            return true;
        }

        return false;
    }

    /// <summary>
    /// Where and why no step of <paramref name="flow"/> can ever run, when that is known at load time: every step is an
    /// <c>if:</c> whose constant condition never holds, a <c>repeat: 0</c>, or a group or loop of such steps.
    /// </summary>
    public (SourceLocation At, string Why)? Inert(Flow? flow)
    {
        if (flow is null || flow.Steps.Count == 0 || _partial.Contains(flow) || !flow.Steps.All(_inert.ContainsKey))
        {
            return null;
        }

        return _inert[flow.Steps[0]];
    }

    /// <summary>
    /// The least one pass through <paramref name="flow"/> pauses in <c>think:</c> steps (their <see cref="ThinkTime.Nominal"/>,
    /// through groups and loops, the shorter branch of a condition), and the think step at which the sum first reaches
    /// <paramref name="limit"/>.
    /// </summary>
    public (TimeSpan Total, SourceLocation? At) Pauses(Flow flow, TimeSpan limit)
    {
        var total = TimeSpan.Zero;
        SourceLocation? at = null;
        foreach (var step in flow.Steps)
        {
            total += Least(step);
            if (at is null && total >= limit && total > TimeSpan.Zero)
            {
                at = FirstThink(step);
            }
        }

        return (total, at);
    }

    private TimeSpan Least(IFlowStep step) => step switch
    {
        ThinkStep think => think.Time.Nominal,
        GroupStep group => Pauses(group.Body, TimeSpan.MaxValue).Total,
        RepeatStep repeat => Pauses(repeat.Body, TimeSpan.MaxValue).Total * repeat.Count,
        IfStep branch => branch.Condition.Constant switch
        {
            true => Pauses(branch.Then, TimeSpan.MaxValue).Total,
            false => branch.Else is null ? TimeSpan.Zero : Pauses(branch.Else, TimeSpan.MaxValue).Total,
            null => branch.Else is null ? TimeSpan.Zero : Min(Pauses(branch.Then, TimeSpan.MaxValue).Total, Pauses(branch.Else, TimeSpan.MaxValue).Total),
        },
        _ => TimeSpan.Zero,
    };

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private SourceLocation? FirstThink(IFlowStep step) => step switch
    {
        ThinkStep => _thinks.GetValueOrDefault(step),
        GroupStep group => group.Body.Steps.Select(FirstThink).FirstOrDefault(l => l is not null),
        RepeatStep repeat => repeat.Body.Steps.Select(FirstThink).FirstOrDefault(l => l is not null),
        IfStep branch => (branch.Condition.Constant switch
        {
            true => branch.Then.Steps,
            false => branch.Else?.Steps ?? [],
            null => branch.Then.Steps.Concat(branch.Else?.Steps ?? []),
        }).Select(FirstThink).FirstOrDefault(l => l is not null),
        _ => null,
    };

    private IFlowStep? MarkInert(IFlowStep? step, (SourceLocation At, string Why)? why)
    {
        if (step is not null && why is { } reason)
        {
            _inert[step] = reason;
        }

        return step;
    }

    private IFlowStep? Step(YamlNode node, string path)
    {
        var entries = reader.Mapping(node, path, PlanKeys.Step, "a step");
        if (node is not YamlMappingNode)
        {
            return null;
        }

        var kinds = entries.Where(e => PlanKeys.StepKinds.Contains(e.Key)).ToList();
        if (kinds.Count != 1)
        {
            reader.Error(path, kinds.Count == 0
                ? $"a step needs one of: {string.Join(", ", PlanKeys.StepKinds)}"
                : $"a step has one kind, found {string.Join(" and ", kinds.Select(k => k.Key))}", kinds.Count > 1 ? kinds[1].KeyNode : node);
            return null;
        }

        var (kind, kindKey, value) = kinds[0];
        var allowed = kind switch
        {
            "group" => new[] { "group", "steps", "tags" },
            "repeat" => ["repeat", "steps"],
            "if" => ["if", "steps", "else"],
            "think" => ["think"],
            "include" => ["include"],
            "log" => PlanKeys.LogStep,
            "sse" => PlanKeys.SseStep,
            "ws" => PlanKeys.WsStep,
            "llm" => PlanKeys.LlmStep,
            _ => [kind, .. PlanKeys.Request],
        };
        foreach (var (key, keyNode, _) in entries.Where(e => !allowed.Contains(e.Key)))
        {
            reader.Error(PlanReader.Join(path, key), $"'{key}' does not belong in a {(PlanKeys.Methods.Contains(kind) || kind == "request" ? "request" : kind)} step (it takes: {string.Join(", ", allowed)})", keyNode);
        }

        var get = entries.ToDictionary(e => e.Key, e => e.Value);
        Flow Body(string key)
        {
            if (get.TryGetValue(key, out var body))
            {
                return Flow(body, PlanReader.Join(path, key));
            }

            if (key == "steps")
            {
                reader.Error(path, $"a {kind} step needs steps:", kindKey);
            }

            return new Flow([]);
        }

        switch (kind)
        {
            case "include":
                return null;   // an include with other keys: each is reported above
            case "group":
                Recording.Add("group");
                var name = reader.Text(value, PlanReader.Join(path, "group"), "a group name");
                var groupTags = Tags(get, path, out _);
                var groupBody = Body("steps");
                return name is null ? null : MarkInert(new GroupStep(name, groupBody, groupTags), Inert(groupBody));
            case "repeat":
                var count = reader.Int(value, PlanReader.Join(path, "repeat"), 0, 1_000_000);
                var repeatBody = Body("steps");
                return count is null ? null : MarkInert(new RepeatStep(count.Value, repeatBody),
                    count == 0 ? (reader.At(value), "repeat: 0 runs its steps no times") : Inert(repeatBody));
            case "if":
                var condition = Condition(value, PlanReader.Join(path, "if"));
                var then = Body("steps");
                var otherwise = get.ContainsKey("else") ? Body("else") : null;
                if (condition is null)
                {
                    return null;
                }

                var never = (reader.At(value), $"if: '{condition}' can never hold");
                return MarkInert(new IfStep(condition, then, otherwise), condition.Constant switch
                {
                    true => Inert(then),
                    false => otherwise is null ? never : Inert(otherwise),
                    null => otherwise is null || Inert(otherwise) is not null ? Inert(then) : null,
                });
            case "log":
                var logMessage = templates.Parse(value, PlanReader.Join(path, "log"), "a line to log, such as \"created {{ missionId }}\"");
                var level = get.TryGetValue("level", out var lv) ? reader.OneOf(lv, PlanReader.Join(path, "level"), PlanKeys.LogLevels) : "info";
                var perSecond = get.TryGetValue("perSecond", out var ps) ? reader.Int(ps, PlanReader.Join(path, "perSecond"), 1, 1000) : 5;
                var at = reader.At(value);
                return logMessage is null || level is null || perSecond is null
                    ? null
                    : new LogStep(logMessage, level, perSecond.Value, $"{Path.GetFileName(at.File)}:{at.Line}:{at.Column}", Log);
            case "think":
                var thinkPath = PlanReader.Join(path, "think");
                if (Think(value, thinkPath) is not { } think)
                {
                    return null;
                }

                if (think.Longest > ThinkTime.Cap)
                {
                    reader.Warn(thinkPath, $"a pause is capped at {Plans.Duration.Format(ThinkTime.Cap)}, so this one never lasts {Plans.Duration.Format(think.Longest)}", value);
                }

                var thinkStep = new ThinkStep(think);
                _thinks[thinkStep] = reader.At(value);
                return thinkStep;
            case "sse" or "ws" or "llm":
                Recording.Add(kind);
                _streams ??= new StreamStepReader(reader, templates, this);
                var streamTags = Tags(get, path, out _);
                return Tagged(streamTags, _streams.Step(kind, value, get, path));
            default:
                Recording.Add("request");
                var requestTags = Tags(get, path, out var nameTag);
                return Tagged(requestTags, Request(kind, value, get, path, nameTag));
        }
    }

    private static IFlowStep? Tagged(TagSet? tags, IFlowStep? step) => step is null || tags is null ? step : new TaggedStep(tags, step);

    /// <summary>
    /// A step's <c>tags:</c>, or null without them. A request's <c>name</c> tag is its <c>name:</c> (k6 scripts set it
    /// with <c>tags: { name }</c>), handed back in <paramref name="name"/>; other steps name their series with <c>name:</c>.
    /// </summary>
    internal TagSet? Tags(Dictionary<string, YamlNode> get, string path, out (string Name, YamlNode Node)? name)
    {
        name = null;
        if (!get.TryGetValue("tags", out var node))
        {
            return null;
        }

        var at = PlanReader.Join(path, "tags");
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var (key, keyNode, value) in reader.Mapping(node, at, null, "tags { type: api }"))
        {
            var tagPath = PlanReader.Join(at, key);
            if (PlanKeys.ReservedTags.Contains(key))
            {
                reader.Error(tagPath, $"'{key}' is a tag Stampede sets itself; choose another name", keyNode);
                continue;
            }

            if (reader.Text(value, tagPath, "a tag value") is not { } text)
            {
                continue;
            }

            if (key == "name")
            {
                var isRequest = !get.Keys.Any(k => k is "group" || PlanKeys.StreamKinds.Contains(k));
                if (!isRequest || get.ContainsKey("name"))
                {
                    reader.Error(tagPath, isRequest ? "the name tag is set twice: keep name: or tags.name" : "write the name tag as name: on the step", keyNode);
                    continue;
                }

                name = (text, value);
                continue;
            }

            pairs.Add(new(key, text));
        }

        return pairs.Count == 0 ? null : TagSet.From(pairs);
    }

    internal Condition? Condition(YamlNode node, string path)
    {
        var text = reader.Text(node, path, "a condition such as \"{{ missionId }}\" or \"{{ status }} == done\"");
        if (text is null)
        {
            return null;
        }

        foreach (var op in new[] { "==", "!=" })
        {
            var at = text.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var left = templates.Parse(text[..at], node, path);
                var right = templates.Parse(text[(at + 2)..], node, path, at + 2);
                return left is null || right is null ? null : new Condition(left, op, right);
            }
        }

        return templates.Parse(text, node, path) is { } single ? new Condition(single, null, null) : null;
    }

    public ThinkTime? Think(YamlNode node, string path)
    {
        if (node is YamlScalarNode)
        {
            return reader.Duration(node, path) is { } constant ? new ThinkTime("constant", constant, constant) : null;
        }

        var entries = reader.Mapping(node, path, PlanKeys.Think, "a think time ({ uniform: [0.5s, 2s] }, { constant: 1s }, { gaussian: { mean, stddev } }, { exponential: { mean } })");
        if (entries.Count != 1)
        {
            if (node is YamlMappingNode && entries.Count > 1)
            {
                reader.Error(path, "a think time has one distribution", entries[1].KeyNode);
            }
            else if (node is YamlMappingNode && ((YamlMappingNode)node).Children.Count == 0)
            {
                reader.Error(path, "expected one of: constant, uniform, gaussian, exponential", node);
            }

            return null;
        }

        var (kind, _, value) = entries[0];
        var at = PlanReader.Join(path, kind);
        switch (kind)
        {
            case "constant":
                return reader.Duration(value, at) is { } c ? new ThinkTime("constant", c, c) : null;
            case "uniform":
                var bounds = reader.Sequence(value, at, "two durations [min, max]");
                if (value is YamlSequenceNode && bounds.Count != 2)
                {
                    reader.Error(at, $"expected two durations [min, max], found {bounds.Count}", value);
                    return null;
                }

                if (bounds.Count != 2)
                {
                    return null;
                }

                var min = reader.Duration(bounds[0], at + "[0]");
                var max = reader.Duration(bounds[1], at + "[1]");
                if (min is null || max is null)
                {
                    return null;
                }

                if (max < min)
                {
                    reader.Error(at, $"the maximum ({Plans.Duration.Format(max.Value)}) is below the minimum ({Plans.Duration.Format(min.Value)})", bounds[1]);
                    return null;
                }

                return new ThinkTime("uniform", min.Value, max.Value);
            case "gaussian":
                var g = reader.Mapping(value, at, PlanKeys.Gaussian, "{ mean, stddev }").ToDictionary(e => e.Key, e => e.Value);
                var mean = g.TryGetValue("mean", out var m) ? reader.Duration(m, at + ".mean") : Missing(at, "mean", value);
                var stddev = g.TryGetValue("stddev", out var s) ? reader.Duration(s, at + ".stddev") : Missing(at, "stddev", value);
                return mean is null || stddev is null ? null : new ThinkTime("gaussian", mean.Value, stddev.Value);
            default:
                var e = reader.Mapping(value, at, PlanKeys.Exponential, "{ mean }").ToDictionary(x => x.Key, x => x.Value);
                var expMean = e.TryGetValue("mean", out var em) ? reader.Duration(em, at + ".mean") : Missing(at, "mean", value);
                return expMean is null ? null : new ThinkTime("exponential", expMean.Value, TimeSpan.Zero);
        }
    }

    private TimeSpan? Missing(string path, string key, YamlNode node)
    {
        if (node is YamlMappingNode)
        {
            reader.Error(path, $"missing '{key}'", node);
        }

        return null;
    }

    private RequestStep? Request(string kind, YamlNode target, Dictionary<string, YamlNode> get, string path, (string Name, YamlNode Node)? nameTag)
    {
        var ok = true;
        string method;
        if (kind == "request")
        {
            if (!get.TryGetValue("method", out var methodNode))
            {
                reader.Error(path, "a request: step needs method: (GET, POST, …)", target);
                return null;
            }

            method = reader.Text(methodNode, path + ".method")?.ToUpperInvariant() ?? "";
            if (method.Length == 0 || !method.All(char.IsAsciiLetter))
            {
                reader.Error(path + ".method", "expected an HTTP method such as GET or POST", methodNode);
                ok = false;
            }
        }
        else
        {
            method = kind.ToUpperInvariant();
            if (get.TryGetValue("method", out var extra))
            {
                reader.Error(path + ".method", $"'method' only goes with request:; this step is already a {kind}", extra);
            }
        }

        var urlPath = PlanReader.Join(path, kind);
        var url = templates.Parse(target, urlPath, "a URL such as /api/health");
        if (url is not null && url.ToString().Length == 0)
        {
            reader.Error(urlPath, "expected a URL such as /api/health, found nothing", target);
            ok = false;
        }

        var bodies = BodyKinds.Where(get.ContainsKey).ToList();
        if (bodies.Count > 1)
        {
            reader.Error(path, $"a request has one body, found {string.Join(" and ", bodies)}", get[bodies[1]]);
        }

        TemplatedJson? json = get.TryGetValue("json", out var jsonNode) ? Json(jsonNode, path + ".json") : null;
        var form = get.TryGetValue("form", out var formNode) ? Pairs(formNode, path + ".form", "form fields") : null;
        var body = get.TryGetValue("body", out var bodyNode) && bodyNode is not YamlMappingNode ? templates.Parse(bodyNode, path + ".body") : null;
        var contentType = get.TryGetValue("contentType", out var ct) ? reader.Text(ct, path + ".contentType") : null;
        var headers = get.TryGetValue("headers", out var h) ? Pairs(h, path + ".headers", "headers") : [];
        var multipart = get.TryGetValue("multipart", out var mp) ? Bodies.Multipart(mp, path + ".multipart") : null;
        var bytes = get.TryGetValue("bodyFile", out var bf) ? Bodies.File(bf, path + ".bodyFile", contentType)
            : bodyNode is YamlMappingNode ? Bodies.Base64(bodyNode, path + ".body", contentType) : null;
        var gzip = get.TryGetValue("gzip", out var gz) && reader.Bool(gz, path + ".gzip") == true;
        if (gzip && bytes is not null)
        {
            // A body fixed when the plan loads is compressed once, not on every request.
            bytes = GzipBody.Compress(bytes);
            headers.Add(new("Content-Encoding", Template.Parse("gzip", [], path + ".gzip")));
            gzip = false;
        }
        else if (gzip && json is null && form is null && body is null && multipart is null)
        {
            reader.Error(path + ".gzip", "gzip: compresses the request's body, and this request has none", gz!);
        }
        var query = get.TryGetValue("query", out var q) ? Pairs(q, path + ".query", "query parameters") : [];
        var timeout = get.TryGetValue("timeout", out var t) ? reader.Duration(t, path + ".timeout", allowZero: false) : null;
        var name = get.TryGetValue("name", out var n) ? reader.Text(n, path + ".name") : nameTag?.Name;
        var abort = get.TryGetValue("abortIterationOnFail", out var a) && reader.Bool(a, path + ".abortIterationOnFail") == true;
        var retry = get.TryGetValue("retry", out var r) ? Retry(r, path + ".retry") : RetryPolicy.None;
        var expect = get.TryGetValue("expect", out var ex) ? Expect(ex, path + ".expect") : null;
        var metrics = get.TryGetValue("metric", out var mt) ? MetricAdds(mt, path + ".metric") : [];

        // A templated URL names its series by its template, so /api/missions/{{ id }} is one series, not one per id.
        name ??= url is { IsConstant: false } ? url.ToString() : null;
        var label = $"{method} {url}";
        var checks = get.TryGetValue("check", out var c) ? Checks(c, path + ".check", label) : [];
        var captures = get.TryGetValue("capture", out var cap) ? Captures(cap, path + ".capture") : [];
        if (!ok || url is null || retry is null)
        {
            return null;
        }

        return new RequestStep(new HttpMethod(method), url, query, headers, json, form, body, contentType, timeout, name, checks, captures, retry, abort, expect, metrics,
            multipart, bytes, gzip);
    }

    internal List<KeyValuePair<string, Template>> Pairs(YamlNode node, string path, string what)
    {
        var pairs = new List<KeyValuePair<string, Template>>();
        foreach (var (key, _, value) in reader.Mapping(node, path, null, what))
        {
            if (templates.Parse(value, PlanReader.Join(path, key)) is { } template)
            {
                pairs.Add(new(key, template));
            }
        }

        return pairs;
    }

    internal TemplatedJson? Json(YamlNode node, string path)
    {
        var before = reader.Errors.Count;
        var body = JsonBody(node, path);

        // Every string was parsed as a template above, each placed at its own line and column; this second parse only
        // builds the renderer, so its (identical, less precisely placed) problems are dropped.
        return reader.Errors.Count > before ? null : TemplatedJson.Parse(body, [], path);
    }

    /// <summary>The body as JSON: plain YAML numbers, booleans and null stay JSON literals, every other scalar is a (templated) string.</summary>
    private JsonNode? JsonBody(YamlNode node, string path)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                var members = new JsonObject();
                foreach (var (key, _, value) in reader.Mapping(mapping, path, null, "a JSON object"))
                {
                    members[key] = JsonBody(value, PlanReader.Join(path, key));
                }

                return members;
            case YamlSequenceNode sequence:
                var items = new JsonArray();
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    items.Add(JsonBody(sequence.Children[i], $"{path}[{i}]"));
                }

                return items;
            case YamlScalarNode scalar when scalar.Style == ScalarStyle.Plain:
                var text = reader.Text(scalar, path);
                switch (text)
                {
                    case null or "" or "~" or "null":
                        return null;
                    case "true" or "false":
                        return JsonValue.Create(text == "true");
                }

                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
                {
                    return JsonValue.Create(whole);
                }

                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
                {
                    return JsonValue.Create(number);
                }

                templates.Parse(text, scalar, path);
                return JsonValue.Create(text);
            default:
                var quoted = reader.Text(node, path);
                if (quoted is not null)
                {
                    templates.Parse(quoted, node, path);
                }

                return JsonValue.Create(quoted);
        }
    }

    private RetryPolicy? Retry(YamlNode node, string path)
    {
        var get = reader.Mapping(node, path, PlanKeys.Retry, "a retry policy { attempts, backoff, max }").ToDictionary(e => e.Key, e => e.Value);
        var attempts = get.TryGetValue("attempts", out var a) ? reader.Int(a, path + ".attempts", 1, 100) : 3;
        var backoff = get.TryGetValue("backoff", out var b) ? reader.Duration(b, path + ".backoff") : TimeSpan.FromMilliseconds(100);
        var max = get.TryGetValue("max", out var m) ? reader.Duration(m, path + ".max") : TimeSpan.FromSeconds(2);
        return attempts is null || backoff is null || max is null ? null : new RetryPolicy(attempts.Value, backoff.Value, max.Value);
    }

    private ExpectedStatuses? Expect(YamlNode node, string path)
    {
        var statuses = new List<int>();
        foreach (var item in node is YamlSequenceNode s ? s.Children : [node])
        {
            if (reader.Int(item, path, 100, 599) is { } status)
            {
                statuses.Add(status);
            }
        }

        return statuses.Count == 0 ? null : ExpectedStatuses.Of([.. statuses]);
    }

    private List<CheckSpec> Checks(YamlNode node, string path, string label)
    {
        var checks = new List<CheckSpec>();
        foreach (var (key, keyNode, value) in reader.Mapping(node, path, null, "checks { status: 200, \"json.id\": exists, duration: \"<300ms\" }"))
        {
            var at = PlanReader.Join(path, key);
            var selector = ResponseValue.Parse(key, out var error);
            if (selector is null)
            {
                reader.Error(at, error!, keyNode);
                continue;
            }

            var matcher = Matcher(value, at, selector.IsDuration, PlanKeys.CheckOptions);
            string? name = null;
            TagSet? tags = null;
            if (value is YamlMappingNode options)
            {
                var get = options.Children.Where(c => c.Key is YamlScalarNode { Value: "name" or "tags" })
                    .ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => c.Value);
                name = get.TryGetValue("name", out var n) ? reader.Text(n, at + ".name", "a check name") : null;
                tags = Tags(get, at, out var nameTag);
                if (nameTag is { } stray)
                {
                    reader.Error(at + ".tags.name", "a check is named with name:; the name tag belongs to the request", stray.Node);
                }
            }

            if (matcher is not null)
            {
                checks.Add(new CheckSpec(name ?? $"{label} {key} {matcher.Description}", selector, matcher) { Tags = tags });
            }
        }

        return checks;
    }

    /// <summary>
    /// An expectation: a scalar (<c>201</c>, <c>exists</c>, <c>"&lt;300ms"</c>), a list of values (any of them), or a
    /// mapping of expectations that must all hold (<c>{ is: 201 }</c>); <paramref name="options"/> are further keys the
    /// caller reads from the mapping itself (a request check's <c>name</c> and <c>tags</c>).
    /// </summary>
    internal ValueMatcher? Matcher(YamlNode node, string path, bool isDuration, IReadOnlyList<string>? options = null)
    {
        if (node is YamlSequenceNode list)
        {
            var choices = list.Children.Select((c, i) => Matcher(c, $"{path}[{i}]", isDuration)).ToList();
            if (choices.Count == 0)
            {
                reader.Error(path, "expected at least one value in the list", node);
                return null;
            }

            return choices.Any(o => o is null) ? null : ValueMatcher.AnyOf(choices!);
        }

        if (node is YamlMappingNode)
        {
            return MatcherMap(node, path, isDuration, options ?? []);
        }

        var text = reader.Text(node, path, "an expected value (201, exists, \"<300ms\", \"contains ok\")");
        if (text is null)
        {
            return null;
        }

        var quoted = node is YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted };
        var matcher = ValueMatcher.Parse(text, quoted, isDuration, out var error);
        if (matcher is null)
        {
            reader.Error(path, error!, node);
        }

        return matcher;
    }

    /// <summary>A response value as captures write it: <c>json.id</c>, <c>header.Location</c>, <c>status</c>, or <c>{ regex | json | header: … }</c>.</summary>
    private ResponseValue? Selector(YamlNode value, string at)
    {
        ResponseValue? selector;
        string? error;
        if (value is YamlMappingNode)
        {
            var form = reader.Mapping(value, at, PlanKeys.CaptureForm, "a capture { regex: PATTERN } or { json: PATH } or { header: NAME }");
            if (form.Count != 1)
            {
                reader.Error(at, "expected exactly one of: regex, json, header", value);
                return null;
            }

            var (kind, _, inner) = form[0];
            var text = reader.Text(inner, at + "." + kind);
            if (text is null)
            {
                return null;
            }

            selector = kind switch
            {
                "regex" => ResponseValue.Regex("regex:" + text, text, out error),
                "json" => ResponseValue.Parse(text.StartsWith("json", StringComparison.Ordinal) ? text : "json." + text, out error),
                _ => ResponseValue.Parse("header." + text, out error),
            };
            if (selector is null)
            {
                reader.Error(at + "." + kind, error!, inner);
            }

            return selector;
        }

        var written = reader.Text(value, at, "a response value such as json.id or header.Location");
        if (written is null)
        {
            return null;
        }

        selector = ResponseValue.Parse(written, out error);
        if (selector is null)
        {
            reader.Error(at, error!, value);
        }

        return selector;
    }

    /// <summary>
    /// A request step's <c>metric:</c>: each declared metric and what to add to it — a number, a template (for a rate,
    /// a condition as <c>if:</c> takes), or a response value as a capture reads it.
    /// </summary>
    private List<MetricAdd> MetricAdds(YamlNode node, string path)
    {
        var adds = new List<MetricAdd>();
        foreach (var (name, keyNode, value) in reader.Mapping(node, path, null, "metrics to add to { missions_created: 1, hz: json.hz }"))
        {
            var at = PlanReader.Join(path, name);
            if (!Declared.TryGetValue(name, out var metric))
            {
                var suggestion = Plans.NameSuggestion.Closest(name, Declared.Keys);
                reader.Error(at, $"unknown metric '{name}': declare it under metrics: at the top of the plan (counter, gauge, rate or trend)"
                    + (suggestion is null ? "" : $"; did you mean '{suggestion}'?"), keyNode);
                continue;
            }

            if (value is YamlScalarNode { Style: ScalarStyle.Plain } plain && reader.Text(plain, at) is { } text
                && !text.Contains("{{", StringComparison.Ordinal))
            {
                if (text is "true" or "false")
                {
                    adds.Add(new MetricAdd(metric, Constant: text == "true" ? 1 : 0));
                    continue;
                }

                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
                {
                    if (metric.Kind == MetricKind.Counter && number < 0)
                    {
                        reader.Error(at, $"a counter only grows: add a positive number to '{name}' (or declare it a gauge)", value);
                        continue;
                    }

                    adds.Add(new MetricAdd(metric, Constant: number));
                    continue;
                }
            }

            if (value is YamlScalarNode scalar && scalar.Value?.Contains("{{", StringComparison.Ordinal) == true)
            {
                if (metric.Kind == MetricKind.Rate)
                {
                    if (Condition(value, at) is { } condition)
                    {
                        adds.Add(new MetricAdd(metric, Condition: condition));
                    }
                }
                else if (templates.Parse(value, at) is { } template)
                {
                    adds.Add(new MetricAdd(metric, Number: template));
                }

                continue;
            }

            if (Selector(value, at) is { } selector)
            {
                adds.Add(new MetricAdd(metric, Value: selector));
            }
        }

        return adds;
    }

    private ValueMatcher? MatcherMap(YamlNode node, string path, bool isDuration, IReadOnlyList<string> options)
    {
        var entries = reader.Mapping(node, path, [.. PlanKeys.Expectation, .. options], "expectations { is: 200 }");
        var all = new List<ValueMatcher>();
        var ok = true;
        foreach (var (key, _, value) in entries.Where(e => !options.Contains(e.Key)))
        {
            var at = PlanReader.Join(path, key);
            var matcher = key switch
            {
                "is" => Matcher(value, at, isDuration),
                "oneOf" when value is not YamlSequenceNode => Expected(at, "a list of values, any of which passes", value),
                "oneOf" => Matcher(value, at, isDuration),
                "length" => Matcher(value, at, false) is { } inner ? ValueMatcher.Length(inner) : null,
                "exists" => reader.Bool(value, at) is { } exists ? ValueMatcher.Parse(exists ? "exists" : "!exists", false, false, out _) : null,
                _ when ValueMatcher.Types.Contains(key) => reader.Bool(value, at) is { } expected ? ValueMatcher.OfType(key, expected) : null,
                _ => Operator(key, value, at, isDuration),
            };
            ok &= matcher is not null;
            if (matcher is not null)
            {
                all.Add(matcher);
            }
        }

        if (ok && all.Count == 0 && node is YamlMappingNode)
        {
            reader.Error(path, "expected at least one expectation: " + string.Join(", ", PlanKeys.Expectation), node);
            return null;
        }

        return ok ? ValueMatcher.AllOf(all) : null;
    }

    private ValueMatcher? Expected(string path, string what, YamlNode node)
    {
        reader.Error(path, $"expected {what}, found {PlanReader.Describe(node)}", node);
        return null;
    }

    /// <summary>A comparison, <c>contains</c> or <c>matches</c> key of a mapping: read as the scalar expectation <c>KEY VALUE</c>.</summary>
    private ValueMatcher? Operator(string key, YamlNode value, string path, bool isDuration)
    {
        if (reader.Text(value, path, "a value to compare with") is not { } operand)
        {
            return null;
        }

        var text = key is "contains" or "!contains" or "matches" ? $"{key} {operand}" : key + operand;
        var matcher = ValueMatcher.Parse(text, false, isDuration, out var error);
        if (matcher is null)
        {
            reader.Error(path, error!, value);
        }

        return matcher;
    }

    private List<CaptureSpec> Captures(YamlNode node, string path)
    {
        var captures = new List<CaptureSpec>();
        foreach (var (key, keyNode, value) in reader.Mapping(node, path, null, "captures { name: json.id }"))
        {
            var at = PlanReader.Join(path, key);
            if (CaptureName.Read(reader, key, keyNode, at) is not (var name, var append))
            {
                continue;
            }

            if (Selector(value, at) is not { } selector)
            {
                continue;
            }

            templates.Captures.Add(name);
            captures.Add(new CaptureSpec(name, append, selector));
        }

        return captures;
    }
}
