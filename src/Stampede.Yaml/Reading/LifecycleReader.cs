using Stampede.Yaml.Flows;
using YamlDotNet.RepresentationModel;

namespace Stampede.Yaml.Reading;

/// <summary>Reads <c>setup:</c> or <c>teardown:</c>, the steps run once before or after the scenarios, and their timeout.</summary>
internal sealed class LifecycleReader(PlanReader reader, TemplateReader templates, FlowReader flows, FlowShared shared)
{
    public (Flow? Flow, TimeSpan Timeout, FlowPart? Part) Read(YamlNode node, string path, TimeSpan timeout)
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

        var uses = templates.Part = new TemplateUses();
        var flow = flows.Flow(steps, path + ".steps");
        templates.Part = null;
        return (flow, timeout, shared.AddPart(path, uses.DataSetsWith(shared.Vars)));
    }
}
