using Stampede.Yaml.Flows;
using YamlDotNet.RepresentationModel;

namespace Stampede.Yaml.Reading;

/// <summary>Reads an <c>sse:</c> step: the request that opens the stream, when it ends, its timeouts, checks and captures.</summary>
internal sealed class SseStepReader(PlanReader reader, TemplateReader templates, FlowReader flows, StreamStepParts parts)
{
    public SseStep? Read(YamlNode target, Dictionary<string, YamlNode> get, string path)
    {
        var url = parts.Url(target, PlanReader.Join(path, "sse"), "/api/chat");
        if (get.ContainsKey("json") && get.TryGetValue("body", out var second))
        {
            reader.Error(path, "a request has one body, found json and body", second);
        }

        var json = get.TryGetValue("json", out var j) ? flows.Json(j, path + ".json") : null;
        var body = get.TryGetValue("body", out var b) ? templates.Parse(b, path + ".body") : null;
        var method = get.TryGetValue("method", out var m) ? parts.Method(m, path + ".method")
            : json is not null || body is not null ? HttpMethod.Post : HttpMethod.Get;
        var until = get.TryGetValue("until", out var u) ? reader.Text(u, path + ".until", "an end marker (done, \"[DONE]\", an event type, or close)") : null;
        if (until is { Length: 0 })
        {
            reader.Error(path + ".until", "expected an end marker (done, \"[DONE]\", an event type, or close), found nothing", u!);
            until = null;
        }

        var name = parts.Name(get, path, url);
        var assertions = parts.Assertions(get, path, StreamValues.Sse, $"SSE {name ?? url?.ToString()}");
        var step = new SseStep(
            method ?? HttpMethod.Get,
            url!,
            parts.Headers(get, path),
            json,
            body,
            get.TryGetValue("contentType", out var ct) ? reader.Text(ct, path + ".contentType") : null,
            name,
            parts.Time(get, path, "timeout"),
            parts.Time(get, path, "firstEventTimeout"),
            parts.Time(get, path, "idleTimeout"),
            parts.Time(get, path, "maxDuration"),
            until,
            assertions,
            parts.Abort(get, path));
        return url is null || method is null ? null : step;
    }
}
