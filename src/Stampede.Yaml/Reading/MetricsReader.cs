using Stampede.Metrics;
using YamlDotNet.RepresentationModel;

namespace Stampede.Yaml.Reading;

/// <summary>
/// Reads the plan's <c>metrics:</c>: custom counters, gauges, rates and trends that steps add to with <c>metric:</c>,
/// judged by thresholds and shown by every output beside the built-in metrics.
/// </summary>
internal sealed class MetricsReader(PlanReader reader)
{
    public static readonly IReadOnlyList<string> Kinds = ["counter", "gauge", "rate", "trend"];

    public static readonly IReadOnlyList<string> Units = ["ms", "bytes", "none"];

    /// <summary>The declared metrics by name, in the order written.</summary>
    public Dictionary<string, Metric> Read(YamlNode node)
    {
        var declared = new Dictionary<string, Metric>(StringComparer.Ordinal);
        foreach (var (name, keyNode, value) in reader.Mapping(node, "metrics", null, "custom metrics (name: counter | gauge | rate | trend, or { type, unit, isTime })"))
        {
            var path = "metrics." + name;
            if (!Metric.IsValidName(name))
            {
                reader.Error(path, $"'{name}' is not a metric name: a letter or underscore, then letters, digits, underscores or dots", keyNode);
                continue;
            }

            if (BuiltinMetrics.All.Any(m => m.Name == name) || name == Flows.FlowShared.Retries.Name)
            {
                reader.Error(path, $"'{name}' is a built-in metric; give the custom metric another name", keyNode);
                continue;
            }

            if (Declaration(value, path) is { } metric)
            {
                declared[name] = new Metric(name, metric.Kind, metric.Unit);
            }
        }

        return declared;
    }

    private Metric? Declaration(YamlNode node, string path)
    {
        if (node is YamlScalarNode)
        {
            return reader.OneOf(node, path, Kinds) is { } written ? new Metric("", Kind(written)) : null;
        }

        var get = reader.Mapping(node, path, PlanKeys.MetricDeclaration, "a metric { type, unit, isTime }").ToDictionary(e => e.Key, e => (e.KeyNode, e.Value));
        if (node is not YamlMappingNode)
        {
            return null;
        }

        if (!get.TryGetValue("type", out var typeNode))
        {
            reader.Error(path, "missing type: one of " + string.Join(", ", Kinds), node);
            return null;
        }

        if (reader.OneOf(typeNode.Value, path + ".type", Kinds) is not { } text)
        {
            return null;
        }

        var kind = Kind(text);
        var unit = MetricUnit.None;
        foreach (var key in new[] { "unit", "isTime" })
        {
            if (kind != MetricKind.Trend && get.TryGetValue(key, out var stray))
            {
                reader.Error(path + "." + key, $"'{key}' is for trends only; a {text} has no unit", stray.KeyNode);
                return null;
            }
        }

        if (get.TryGetValue("unit", out var unitNode) && get.TryGetValue("isTime", out var both))
        {
            reader.Error(path + ".isTime", "give unit: or isTime:, not both (isTime: true is unit: ms)", both.KeyNode);
            return null;
        }

        if (get.TryGetValue("unit", out unitNode))
        {
            var written = reader.OneOf(unitNode.Value, path + ".unit", Units);
            if (written is null)
            {
                return null;
            }

            unit = written switch { "ms" => MetricUnit.Time, "bytes" => MetricUnit.Data, _ => MetricUnit.None };
        }
        else if (get.TryGetValue("isTime", out var isTime))
        {
            var flag = reader.Bool(isTime.Value, path + ".isTime");
            if (flag is null)
            {
                return null;
            }

            unit = flag.Value ? MetricUnit.Time : MetricUnit.None;
        }

        return new Metric("", kind, unit);
    }

    private static MetricKind Kind(string text) => Enum.Parse<MetricKind>(text, ignoreCase: true);
}
