using Stampede.Plans;
using YamlDotNet.RepresentationModel;

namespace Stampede.Yaml.Reading;

/// <summary>Reads the <c>stages:</c> of a ramping executor, each <c>{ duration, target }</c>.</summary>
internal sealed class StagesReader(PlanReader reader)
{
    public List<Stage> Read(Dictionary<string, (YamlScalarNode KeyNode, YamlNode Value)> get, string path, double maxTarget)
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
}
