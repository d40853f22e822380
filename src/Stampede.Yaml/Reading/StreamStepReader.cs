using Stampede.Yaml.Flows;
using YamlDotNet.RepresentationModel;

namespace Stampede.Yaml.Reading;

/// <summary>
/// Hands the streaming steps — <c>sse:</c>, <c>ws:</c> and <c>llm:</c> — to their protocol's reader, which reports every
/// problem with its place like the rest of the loader.
/// </summary>
internal sealed class StreamStepReader
{
    private readonly SseStepReader _sse;
    private readonly WsStepReader _ws;
    private readonly LlmStepReader _llm;

    public StreamStepReader(PlanReader reader, TemplateReader templates, FlowReader flows)
    {
        var parts = new StreamStepParts(reader, templates, flows);
        _sse = new SseStepReader(reader, templates, flows, parts);
        _ws = new WsStepReader(reader, templates, flows, parts);
        _llm = new LlmStepReader(reader, templates, flows, parts);
    }

    public IFlowStep? Step(string kind, YamlNode target, Dictionary<string, YamlNode> get, string path) => kind switch
    {
        "sse" => _sse.Read(target, get, path),
        "ws" => _ws.Read(target, get, path),
        _ => _llm.Read(target, get, path),
    };
}
