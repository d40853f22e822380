using Stampede.Data.Templates;
using Stampede.Protocols.Llm;
using Stampede.Yaml.Flows;
using YamlDotNet.RepresentationModel;

namespace Stampede.Yaml.Reading;

/// <summary>Reads an <c>llm:</c> step into <see cref="LlmOptions"/> and the prompt, messages or conversation it sends; what it leaves out keeps the options' default.</summary>
internal sealed class LlmStepReader(PlanReader reader, TemplateReader templates, FlowReader flows, StreamStepParts parts)
{
    public LlmStep? Read(YamlNode target, Dictionary<string, YamlNode> get, string path)
    {
        var ok = true;

        // The options record owns the defaults; the reader keeps them for whatever the step leaves out.
        var defaults = new LlmOptions();
        var url = reader.IsNull(target) ? Template.Parse(defaults.Url, [], path) : parts.Url(target, PlanReader.Join(path, "llm"), defaults.Url);
        var transport = get.TryGetValue("transport", out var t) ? reader.OneOf(t, path + ".transport", PlanKeys.LlmTransports) : "sse";
        var (format, body, keyHeader) = get.TryGetValue("format", out var f) ? new LlmFormatReader(reader).Read(f, path + ".format", transport == "ws") : (defaults.Format, null, null);
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
        var prices = get.TryGetValue("prices", out var pr) ? LlmSettingsReader.Prices(reader, pr, path + ".prices") : flows.Llm.Prices;
        var costLimit = get.TryGetValue("costLimit", out var cl) ? reader.Number(cl, path + ".costLimit", 0.000001, 1_000_000_000) is { } c ? (decimal)c : (decimal?)null : flows.Llm.CostLimitUsd;
        var tokenizer = get.TryGetValue("tokenizer", out var tk)
            ? reader.OneOf(tk, path + ".tokenizer", PlanKeys.LlmTokenizers) switch
            {
                "cl100k" => LlmTokenizer.Cl100k,
                "o200k" => LlmTokenizer.O200k,
                "none" => LlmTokenizer.None,
                _ => LlmTokenizer.Auto,
            }
            : defaults.Tokenizer;
        var maxTokens = get.TryGetValue("maxTokens", out var mt) ? reader.Int(mt, path + ".maxTokens", 1, 10_000_000) : null;
        var model = get.TryGetValue("model", out var md) ? reader.Text(md, path + ".model", "a model name") : null;
        var name = parts.Name(get, path, url);
        var apiKey = get.TryGetValue("apiKey", out var k) ? templates.Parse(k, path + ".apiKey", "an API key") : null;
        var tenant = get.TryGetValue("tenant", out var tn) ? templates.Parse(tn, path + ".tenant", "a tenant name") : null;
        var system = get.TryGetValue("system", out var sy) ? templates.Parse(sy, path + ".system", "a system prompt") : null;
        var headers = parts.Headers(get, path);
        if (keyHeader is not null && apiKey is not null)
        {
            headers = [new(keyHeader, apiKey), .. headers];
            apiKey = null;
        }

        var options = new LlmOptions
        {
            Url = url?.ToString() ?? "",
            Model = model ?? defaults.Model,
            Transport = transport == "ws" ? LlmTransport.WebSocket : LlmTransport.Sse,
            Format = format ?? defaults.Format,
            Body = body,
            MaxTokens = maxTokens,
            Name = name,
            Prices = prices ?? defaults.Prices,
            Slo = slo,
            CostLimitUsd = costLimit,
            AllowLength = get.TryGetValue("allowLength", out var al) && reader.Bool(al, path + ".allowLength") == true,
            Tokenizer = tokenizer,
            ConnectTimeout = parts.Time(get, path, "timeout") ?? defaults.ConnectTimeout,
            FirstTokenTimeout = parts.Time(get, path, "firstTokenTimeout") ?? defaults.FirstTokenTimeout,
            IdleTimeout = parts.Time(get, path, "idleTimeout") ?? defaults.IdleTimeout,
        };
        var assertions = parts.Assertions(get, path, StreamValues.Llm, $"LLM {name ?? url?.ToString()}");
        if (!ok || url is null || (get.ContainsKey("prompt") && prompt is null) || (get.ContainsKey("messages") && messages is null) || turns < 0)
        {
            return null;
        }

        return new LlmStep(options, url, apiKey, tenant, headers, prompt, messages, system, turns, assertions, parts.Abort(get, path));
    }

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
}
