using Stampede.Data;
using Stampede.Data.Templates;
using Stampede.Protocols;
using Stampede.Protocols.Llm;
using Stampede.Yaml.Flows;
using YamlDotNet.RepresentationModel;

namespace Stampede.Yaml.Reading;

/// <summary>
/// Reads the streaming steps — <c>sse:</c>, <c>ws:</c> and <c>llm:</c> — with their templates, timeouts, checks and
/// captures, reporting every problem with its place like the rest of the loader.
/// </summary>
internal sealed class StreamStepReader(PlanReader reader, TemplateReader templates, FlowReader flows)
{
    private static readonly TimeSpan DefaultReceiveTimeout = TimeSpan.FromSeconds(30);

    public IFlowStep? Step(string kind, YamlNode target, Dictionary<string, YamlNode> get, string path) => kind switch
    {
        "sse" => Sse(target, get, path),
        "ws" => Ws(target, get, path),
        _ => Llm(target, get, path),
    };

    /// <summary>The plan's top-level <c>llm: { costLimit, prices }</c>.</summary>
    public static LlmDefaults Defaults(PlanReader reader, YamlNode node)
    {
        var get = reader.Mapping(node, "llm", PlanKeys.LlmRoot, "LLM settings { costLimit, prices }").ToDictionary(e => e.Key, e => e.Value);
        var limit = get.TryGetValue("costLimit", out var c) ? reader.Number(c, "llm.costLimit", 0.000001, 1_000_000_000) : null;
        var prices = get.TryGetValue("prices", out var p) ? Prices(reader, p, "llm.prices") : null;
        return new LlmDefaults(limit is { } l ? (decimal)l : null, prices);
    }

    private SseStep? Sse(YamlNode target, Dictionary<string, YamlNode> get, string path)
    {
        var url = Url(target, PlanReader.Join(path, "sse"), "/api/chat");
        if (get.ContainsKey("json") && get.TryGetValue("body", out var second))
        {
            reader.Error(path, "a request has one body, found json and body", second);
        }

        var json = get.TryGetValue("json", out var j) ? flows.Json(j, path + ".json") : null;
        var body = get.TryGetValue("body", out var b) ? templates.Parse(b, path + ".body") : null;
        var method = get.TryGetValue("method", out var m) ? Method(m, path + ".method")
            : json is not null || body is not null ? HttpMethod.Post : HttpMethod.Get;
        var until = get.TryGetValue("until", out var u) ? reader.Text(u, path + ".until", "an end marker (done, \"[DONE]\", an event type, or close)") : null;
        if (until is { Length: 0 })
        {
            reader.Error(path + ".until", "expected an end marker (done, \"[DONE]\", an event type, or close), found nothing", u!);
            until = null;
        }

        var name = Name(get, path, url);
        var assertions = Assertions(get, path, StreamValues.Sse, $"SSE {name ?? url?.ToString()}");
        var step = new SseStep(
            method ?? HttpMethod.Get,
            url!,
            Headers(get, path),
            json,
            body,
            get.TryGetValue("contentType", out var ct) ? reader.Text(ct, path + ".contentType") : null,
            name,
            Time(get, path, "timeout"),
            Time(get, path, "firstEventTimeout"),
            Time(get, path, "idleTimeout"),
            Time(get, path, "maxDuration"),
            until,
            assertions,
            Abort(get, path));
        return url is null || method is null ? null : step;
    }

    private WsStep? Ws(YamlNode target, Dictionary<string, YamlNode> get, string path)
    {
        var url = Url(target, PlanReader.Join(path, "ws"), "/api/chat");
        var name = Name(get, path, url);
        var actions = get.TryGetValue("actions", out var a) ? Actions(a, path + ".actions") : [];
        var assertions = Assertions(get, path, StreamValues.Ws, $"WS {name ?? url?.ToString()}");
        var step = new WsStep(url!, Headers(get, path), name, Time(get, path, "timeout"), actions, assertions, Abort(get, path));
        return url is null ? null : step;
    }

    private List<WsAction> Actions(YamlNode node, string path)
    {
        var actions = new List<WsAction>();
        var items = reader.Sequence(node, path, "a list of actions (send, receive, ping, think, close)");
        YamlNode? closed = null;
        for (var i = 0; i < items.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (closed is not null)
            {
                reader.Error(at, "nothing can follow close: the session is closed", items[i]);
                break;
            }

            var action = Action(items[i], at);
            if (action is WsClose)
            {
                closed = items[i];
            }

            // A receive right after a send is its reply: joined, the reply's first message is timed from the send.
            if (action is WsReceive receive && actions.Count > 0 && actions[^1] is WsSend send)
            {
                actions[^1] = new WsExchange(send, receive);
            }
            else if (action is not null)
            {
                actions.Add(action);
            }
        }

        return actions;
    }

    private WsAction? Action(YamlNode node, string path)
    {
        YamlNode? value = null;
        string? kind;
        if (node is YamlScalarNode scalar)
        {
            kind = scalar.Value;
        }
        else
        {
            var entries = reader.Mapping(node, path, PlanKeys.WsActions, "an action (send, receive, ping, think, close)");
            if (node is YamlMappingNode && entries.Count != 1)
            {
                if (entries.Count > 1)
                {
                    reader.Error(path, $"an action has one kind, found {string.Join(" and ", entries.Select(e => e.Key))}", entries[1].KeyNode);
                }
                else if (((YamlMappingNode)node).Children.Count == 0)
                {
                    reader.Error(path, $"expected one of: {string.Join(", ", PlanKeys.WsActions)}", node);
                }

                return null;
            }

            if (entries.Count == 0)
            {
                return null;
            }

            (kind, _, value) = entries[0];
            path = PlanReader.Join(path, kind);
        }

        switch (kind)
        {
            case "send" when value is not null:
                return Send(value, path);
            case "receive":
                return Receive(value, path);
            case "ping":
                return Ping(value, path);
            case "think" when value is not null:
                return flows.Think(value, path) is { } think ? new WsThink(think) : null;
            case "close" when value is null || reader.IsNull(value):
                return new WsClose();
            case "close":
                reader.Error(path, "close takes no value", value);
                return null;
            default:
                var suggestion = Plans.NameSuggestion.Closest(kind ?? "", PlanKeys.WsActions);
                reader.Error(path, $"expected an action: send, receive, ping, think or close, found {PlanReader.Describe(node)}"
                    + (suggestion is null ? "" : $"; did you mean '{suggestion}'?"), node);
                return null;
        }
    }

    private WsSend? Send(YamlNode node, string path)
    {
        if (node is YamlScalarNode)
        {
            return templates.Parse(node, path, "a message (text, or a mapping sent as JSON)") is { } text ? new WsSend(text, null) : null;
        }

        return flows.Json(node, path) is { } json ? new WsSend(null, json) : null;
    }

    private WsReceive? Receive(YamlNode? node, string path)
    {
        if (node is null || reader.IsNull(node))
        {
            return new WsReceive(null, 1, DefaultReceiveTimeout, null, StreamAssertions.None);
        }

        if (node is YamlScalarNode)
        {
            return reader.Text(node, path, "an end marker") is { Length: > 0 } marker
                ? new WsReceive(new WsMarker(marker), 1, DefaultReceiveTimeout, null, StreamAssertions.None)
                : null;
        }

        var get = reader.Mapping(node, path, PlanKeys.WsReceive, "a receive { until, count, timeout, firstTimeout, check, capture }").ToDictionary(e => e.Key, e => e.Value);
        var until = get.TryGetValue("until", out var u) ? reader.Text(u, path + ".until", "an end marker") : null;
        var count = get.TryGetValue("count", out var c) ? reader.Int(c, path + ".count", 1, 1_000_000) : 1;
        if (until is not null && get.ContainsKey("count"))
        {
            reader.Error(path + ".count", "a receive ends at until: or after count: messages, not both", c!);
        }

        var timeout = Time(get, path, "timeout") ?? DefaultReceiveTimeout;
        var assertions = Assertions(get, path, StreamValues.Ws, "WS receive");
        return count is null ? null : new WsReceive(until is null ? null : new WsMarker(until), count.Value, timeout, Time(get, path, "firstTimeout"), assertions);
    }

    private WsPingAction? Ping(YamlNode? node, string path)
    {
        var send = Template.Parse("{\"type\":\"ping\"}", [], path);
        if (node is null || reader.IsNull(node))
        {
            return new WsPingAction(send, new WsMarker("pong"), TimeSpan.FromSeconds(10));
        }

        var get = reader.Mapping(node, path, PlanKeys.WsPing, "a ping { send, until, timeout }").ToDictionary(e => e.Key, e => e.Value);
        var text = get.TryGetValue("send", out var s) ? templates.Parse(s, path + ".send") : send;
        var until = get.TryGetValue("until", out var u) ? reader.Text(u, path + ".until", "an end marker") : "pong";
        var timeout = Time(get, path, "timeout") ?? TimeSpan.FromSeconds(10);
        return text is null || until is null ? null : new WsPingAction(text, new WsMarker(until), timeout);
    }

    private LlmStep? Llm(YamlNode target, Dictionary<string, YamlNode> get, string path)
    {
        var ok = true;
        var url = reader.IsNull(target) ? Template.Parse("/v1/chat/completions", [], path) : Url(target, PlanReader.Join(path, "llm"), "/v1/chat/completions");
        var transport = get.TryGetValue("transport", out var t) ? reader.OneOf(t, path + ".transport", PlanKeys.LlmTransports) : "sse";
        var (format, body, keyHeader) = get.TryGetValue("format", out var f) ? Format(f, path + ".format", transport == "ws") : (LlmStreamFormat.OpenAi, null, null);
        ok &= format is not null && transport is not null;

        Template? prompt = get.TryGetValue("prompt", out var p) ? templates.Parse(p, path + ".prompt", "a prompt") : null;
        var messages = get.TryGetValue("messages", out var ms) ? Messages(ms, path + ".messages") : null;
        var turns = get.TryGetValue("conversation", out var cv) ? Conversation(cv, path + ".conversation") : 0;
        if (get.ContainsKey("prompt") && get.ContainsKey("messages"))
        {
            reader.Error(path + ".messages", "an llm step sends prompt: or messages:, not both", ms!);
            ok = false;
        }
        else if (!get.ContainsKey("prompt") && !get.ContainsKey("messages"))
        {
            reader.Error(path, "an llm step needs prompt: (e.g. \"{{ question }}\") or messages:", target);
            ok = false;
        }
        else if (turns != 0 && get.ContainsKey("messages"))
        {
            reader.Error(path + ".conversation", "a conversation sends prompt: each turn, not messages:", cv!);
            ok = false;
        }

        var slo = get.TryGetValue("slo", out var sl) ? Slo(sl, path + ".slo") : null;
        var prices = get.TryGetValue("prices", out var pr) ? Prices(reader, pr, path + ".prices") : flows.Llm.Prices;
        var costLimit = get.TryGetValue("costLimit", out var cl) ? reader.Number(cl, path + ".costLimit", 0.000001, 1_000_000_000) is { } c ? (decimal)c : (decimal?)null : flows.Llm.CostLimitUsd;
        var tokenizer = get.TryGetValue("tokenizer", out var tk)
            ? reader.OneOf(tk, path + ".tokenizer", PlanKeys.LlmTokenizers) switch
            {
                "cl100k" => LlmTokenizer.Cl100k,
                "o200k" => LlmTokenizer.O200k,
                "none" => LlmTokenizer.None,
                _ => LlmTokenizer.Auto,
            }
            : LlmTokenizer.Auto;
        var maxTokens = get.TryGetValue("maxTokens", out var mt) ? reader.Int(mt, path + ".maxTokens", 1, 10_000_000) : null;
        var model = get.TryGetValue("model", out var md) ? reader.Text(md, path + ".model", "a model name") : null;
        var name = Name(get, path, url);
        var apiKey = get.TryGetValue("apiKey", out var k) ? templates.Parse(k, path + ".apiKey", "an API key") : null;
        var tenant = get.TryGetValue("tenant", out var tn) ? templates.Parse(tn, path + ".tenant", "a tenant name") : null;
        var system = get.TryGetValue("system", out var sy) ? templates.Parse(sy, path + ".system", "a system prompt") : null;
        var headers = Headers(get, path);
        if (keyHeader is not null && apiKey is not null)
        {
            headers = [new(keyHeader, apiKey), .. headers];
            apiKey = null;
        }

        var options = new LlmOptions
        {
            Url = url?.ToString() ?? "",
            Model = model ?? "demo-chat",
            Transport = transport == "ws" ? LlmTransport.WebSocket : LlmTransport.Sse,
            Format = format ?? LlmStreamFormat.OpenAi,
            Body = body,
            MaxTokens = maxTokens,
            Name = name,
            Prices = prices ?? LlmOptions.DemoPrices,
            Slo = slo,
            CostLimitUsd = costLimit,
            AllowLength = get.TryGetValue("allowLength", out var al) && reader.Bool(al, path + ".allowLength") == true,
            Tokenizer = tokenizer,
            ConnectTimeout = Time(get, path, "timeout") ?? TimeSpan.FromSeconds(60),
            FirstTokenTimeout = Time(get, path, "firstTokenTimeout") ?? TimeSpan.FromSeconds(60),
            IdleTimeout = Time(get, path, "idleTimeout") ?? TimeSpan.FromSeconds(30),
        };
        var assertions = Assertions(get, path, StreamValues.Llm, $"LLM {name ?? url?.ToString()}");
        if (!ok || url is null || (get.ContainsKey("prompt") && prompt is null) || (get.ContainsKey("messages") && messages is null) || turns < 0)
        {
            return null;
        }

        return new LlmStep(options, url, apiKey, tenant, headers, prompt, messages, system, turns, assertions, Abort(get, path));
    }

    /// <summary>A preset or a custom format; with it, the request body it needs and the header an API key goes in (when not Bearer).</summary>
    private (LlmStreamFormat? Format, Func<IReadOnlyList<LlmMessage>, LlmOptions, string>? Body, string? KeyHeader) Format(YamlNode node, string path, bool webSocket)
    {
        if (node is YamlScalarNode)
        {
            return reader.OneOf(node, path, PlanKeys.LlmFormats) switch
            {
                "openai" => (LlmStreamFormat.OpenAi, null, null),
                "anthropic" => (LlmStreamFormat.Anthropic, AnthropicBody, "x-api-key"),
                "demo" => (webSocket ? LlmStreamFormat.DemoChatWebSocket : LlmStreamFormat.DemoChat, webSocket ? null : DemoBody, null),
                _ => (null, null, null),
            };
        }

        var get = reader.Mapping(node, path, PlanKeys.LlmFormat, "a format (openai, anthropic, demo) or a custom format { text, end, usage, error, … }").ToDictionary(e => e.Key, e => e.Value);
        if (node is not YamlMappingNode)
        {
            return (null, null, null);
        }

        var before = reader.Errors.Count;
        JsonPath? Path(string key, YamlNode? at = null, string? where = null)
        {
            if (!(at is not null || get.TryGetValue(key, out at)))
            {
                return null;
            }

            var text = reader.Text(at, where ?? PlanReader.Join(path, key), "a JSON path such as choices[0].delta.content");
            if (text is null)
            {
                return null;
            }

            if (JsonPath.TryParse(text, out var parsed, out var error))
            {
                return parsed;
            }

            reader.Error(where ?? PlanReader.Join(path, key), error, at);
            return null;
        }

        string? Text(string key) => get.TryGetValue(key, out var at) ? reader.Text(at, PlanReader.Join(path, key)) : null;

        if (!get.ContainsKey("text"))
        {
            reader.Error(path, "a custom format needs text: (the JSON path of each chunk's text)", node);
        }

        JsonPath? input = null, output = null;
        if (get.TryGetValue("usage", out var usage))
        {
            var u = reader.Mapping(usage, path + ".usage", PlanKeys.LlmUsage, "usage paths { input, output }").ToDictionary(e => e.Key, e => e.Value);
            input = u.TryGetValue("input", out var i) ? Path("input", i, path + ".usage.input") : null;
            output = u.TryGetValue("output", out var o) ? Path("output", o, path + ".usage.output") : null;
        }

        var format = new LlmStreamFormat
        {
            TextPath = Path("text") ?? JsonPath.Parse("text"),
            ReasoningPath = Path("reasoning"),
            TextEventType = Text("textEvent"),
            TypePath = Path("type"),
            EndData = Text("end"),
            EndEventType = Text("endEvent"),
            ErrorPath = get.ContainsKey("error") ? Path("error") : LlmStreamFormat.OpenAi.ErrorPath,
            ErrorEventType = get.ContainsKey("errorEvent") ? Text("errorEvent") : "error",
            InputTokensPath = input,
            OutputTokensPath = output,
            FinishReasonPath = Path("finishReason"),
        };
        return reader.Errors.Count > before ? (null, null, null) : (format, null, null);
    }

    private static string DemoBody(IReadOnlyList<LlmMessage> messages, LlmOptions options) => LlmRequestJson.LastUserMessage(messages);

    private static string AnthropicBody(IReadOnlyList<LlmMessage> messages, LlmOptions options) =>
        JsonText.Write((messages, options), static (writer, state) =>
        {
            var (messages, options) = state;
            var system = string.Join("\n", messages.Where(m => m.Role == "system").Select(m => m.Content));
            writer.WriteStartObject();
            writer.WriteString("model", options.Model);

            // The Messages API requires max_tokens; 1024 is the value its own examples use.
            writer.WriteNumber("max_tokens", options.MaxTokens ?? 1024);
            writer.WriteBoolean("stream", true);
            if (system.Length > 0)
            {
                writer.WriteString("system", system);
            }

            writer.WriteStartArray("messages");
            foreach (var message in messages.Where(m => m.Role != "system"))
            {
                writer.WriteStartObject();
                writer.WriteString("role", message.Role);
                writer.WriteString("content", message.Content);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    private List<(string Role, Template Content)>? Messages(YamlNode node, string path)
    {
        var items = reader.Sequence(node, path, "messages [{ role, content }]");
        if (node is YamlSequenceNode && items.Count == 0)
        {
            reader.Error(path, "expected at least one message", node);
            return null;
        }

        var messages = new List<(string, Template)>();
        var ok = node is YamlSequenceNode;
        for (var i = 0; i < items.Count; i++)
        {
            var at = $"{path}[{i}]";
            var get = reader.Mapping(items[i], at, PlanKeys.LlmMessage, "a message { role, content }").ToDictionary(e => e.Key, e => e.Value);
            if (items[i] is not YamlMappingNode)
            {
                ok = false;
                continue;
            }

            var role = get.TryGetValue("role", out var r) ? reader.OneOf(r, at + ".role", ["system", "user", "assistant"]) : "user";
            Template? content = null;
            if (get.TryGetValue("content", out var c))
            {
                content = templates.Parse(c, at + ".content", "the message text");
            }
            else
            {
                reader.Error(at, "a message needs content:", items[i]);
            }

            if (role is null || content is null)
            {
                ok = false;
                continue;
            }

            messages.Add((role, content));
        }

        return ok ? messages : null;
    }

    private int Conversation(YamlNode node, string path)
    {
        var get = reader.Mapping(node, path, PlanKeys.LlmConversation, "a conversation { turns: N }").ToDictionary(e => e.Key, e => e.Value);
        if (node is not YamlMappingNode)
        {
            return -1;
        }

        if (!get.TryGetValue("turns", out var turns))
        {
            reader.Error(path, "a conversation needs turns: (how many prompts it sends, carrying the history)", node);
            return -1;
        }

        return reader.Int(turns, path + ".turns", 1, 1000) ?? -1;
    }

    private LlmSlo? Slo(YamlNode node, string path)
    {
        var text = reader.Text(node, path, "SLOs such as \"ttft<1s, tpot<50ms\"");
        if (text is null)
        {
            return null;
        }

        try
        {
            return LlmSlo.Parse(text);
        }
        catch (FormatException exception)
        {
            reader.Error(path, $"bad SLO '{text}': {exception.Message["SLO: ".Length..]} (expected e.g. \"ttft<1s, tpot<50ms, e2e<10s\")", node);
            return null;
        }
    }

    private static List<LlmPrice>? Prices(PlanReader reader, YamlNode node, string path)
    {
        var prices = new List<LlmPrice>();
        var before = reader.Errors.Count;
        foreach (var (model, _, value) in reader.Mapping(node, path, null, "prices per model { model: { input, output } } in dollars per million tokens"))
        {
            var at = PlanReader.Join(path, model);
            var get = reader.Mapping(value, at, PlanKeys.LlmPrice, "a price { input, output } in dollars per million tokens").ToDictionary(e => e.Key, e => e.Value);
            if (value is not YamlMappingNode)
            {
                continue;
            }

            var input = get.TryGetValue("input", out var i) ? reader.Number(i, at + ".input", 0, 1_000_000) : 0;
            var output = get.TryGetValue("output", out var o) ? reader.Number(o, at + ".output", 0, 1_000_000) : 0;
            if (input is not null && output is not null)
            {
                prices.Add(new LlmPrice(model, (decimal)input.Value, (decimal)output.Value));
            }
        }

        return reader.Errors.Count > before ? null : prices;
    }

    private StreamAssertions Assertions(Dictionary<string, YamlNode> get, string path, StreamValues values, string label)
    {
        var checks = new List<StreamCheck>();
        if (get.TryGetValue("check", out var c))
        {
            foreach (var (key, keyNode, value) in reader.Mapping(c, path + ".check", null, $"checks {{ {values.Names[0]}: ... }}"))
            {
                var at = PlanReader.Join(path + ".check", key);
                var selector = StreamValue.Parse(key, values, forCheck: true, out var error);
                if (selector is null)
                {
                    reader.Error(at, error!, keyNode);
                    continue;
                }

                if (flows.Matcher(value, at, selector.IsDuration) is { } matcher)
                {
                    checks.Add(new StreamCheck($"{label} {key} {matcher.Description}", selector, matcher));
                }
            }
        }

        var captures = new List<StreamCapture>();
        if (get.TryGetValue("capture", out var cap))
        {
            foreach (var (key, keyNode, value) in reader.Mapping(cap, path + ".capture", null, "captures { name: value }"))
            {
                var at = PlanReader.Join(path + ".capture", key);
                if (CaptureName.Read(reader, key, keyNode, at) is not (var name, var append))
                {
                    continue;
                }

                var selectorNode = value;
                string? text;
                if (value is YamlMappingNode && values.HasJson)
                {
                    var form = reader.Mapping(value, at, ["json"], "a capture { json: PATH }");
                    if (form.Count != 1)
                    {
                        // An unknown key is already reported; an empty mapping was dropped without a word.
                        if (value is YamlMappingNode { Children.Count: 0 })
                        {
                            reader.Error(at, "expected json: PATH (a capture { json: PATH })", value);
                        }

                        continue;
                    }

                    selectorNode = form[0].Value;
                    text = reader.Text(selectorNode, at + ".json") is { } p ? "json." + p : null;
                }
                else
                {
                    text = reader.Text(value, at, $"a {values.Kind} value ({string.Join(", ", values.Forms.Where(f => f != values.AnyName))})");
                }

                if (text is null)
                {
                    continue;
                }

                var selector = StreamValue.Parse(text, values, forCheck: false, out var error);
                if (selector is null)
                {
                    reader.Error(at, error!, selectorNode);
                    continue;
                }

                templates.Captures.Add(name);
                captures.Add(new StreamCapture(name, append, selector));
            }
        }

        return checks.Count == 0 && captures.Count == 0 ? StreamAssertions.None : new StreamAssertions(checks, captures);
    }

    private Template? Url(YamlNode node, string path, string example)
    {
        var url = templates.Parse(node, path, $"a URL such as {example}");
        if (url is not null && url.ToString().Length == 0)
        {
            reader.Error(path, $"expected a URL such as {example}, found nothing", node);
            return null;
        }

        return url;
    }

    private HttpMethod? Method(YamlNode node, string path)
    {
        var method = reader.Text(node, path)?.ToUpperInvariant();
        if (method is null)
        {
            return null;
        }

        if (method.Length == 0 || !method.All(char.IsAsciiLetter))
        {
            reader.Error(path, "expected an HTTP method such as GET or POST", node);
            return null;
        }

        return new HttpMethod(method);
    }

    /// <summary>The <c>name</c> tag: as written, else the URL's template text when it has <c>{{ }}</c> (one series, not one per value).</summary>
    private string? Name(Dictionary<string, YamlNode> get, string path, Template? url) =>
        get.TryGetValue("name", out var n) ? reader.Text(n, path + ".name") : url is { IsConstant: false } ? url.ToString() : null;

    private List<KeyValuePair<string, Template>> Headers(Dictionary<string, YamlNode> get, string path) =>
        get.TryGetValue("headers", out var h) ? flows.Pairs(h, path + ".headers", "headers") : [];

    private TimeSpan? Time(Dictionary<string, YamlNode> get, string path, string key) =>
        get.TryGetValue(key, out var node) ? reader.Duration(node, PlanReader.Join(path, key), allowZero: false) : null;

    private bool Abort(Dictionary<string, YamlNode> get, string path) =>
        get.TryGetValue("abortIterationOnFail", out var a) && reader.Bool(a, path + ".abortIterationOnFail") == true;
}
