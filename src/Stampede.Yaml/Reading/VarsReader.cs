using Stampede.Data.Templates;
using YamlDotNet.RepresentationModel;

namespace Stampede.Yaml.Reading;

/// <summary>Reads <c>vars:</c>, named templates, refusing reserved names and templates that refer to themselves in a circle.</summary>
internal sealed class VarsReader(PlanReader reader, TemplateReader templates)
{
    public Dictionary<string, Template> Read(YamlNode node)
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

            if (templates.Parse(value, "vars." + name) is { } template)
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
}
