using Stampede.Protocols;
using Stampede.Protocols.Llm;
using YamlDotNet.RepresentationModel;

namespace Stampede.Yaml.Reading;

/// <summary>Reads an llm step's <c>format:</c>, a preset name or a custom format of JSON paths, into the library's stream format and request body.</summary>
internal sealed class LlmFormatReader(PlanReader reader)
{
    /// <summary>A preset or a custom format; with it, the request body it needs and the header an API key goes in (when not Bearer).</summary>
    public (LlmStreamFormat? Format, Func<IReadOnlyList<LlmMessage>, LlmOptions, string>? Body, string? KeyHeader) Read(YamlNode node, string path, bool webSocket)
    {
        if (node is YamlScalarNode)
        {
            return reader.OneOf(node, path, PlanKeys.LlmFormats) switch
            {
                "openai" => ((LlmStreamFormat?)LlmStreamFormat.OpenAi, null, null),
                "anthropic" => (LlmStreamFormat.Anthropic, LlmRequestBodies.Anthropic, LlmRequestBodies.AnthropicApiKeyHeader),
                "demo" => (webSocket ? LlmStreamFormat.DemoChatWebSocket : LlmStreamFormat.DemoChat, webSocket ? null : LlmRequestBodies.DemoChat, null),
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
}
