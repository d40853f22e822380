using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Stampede.Cli.Kubernetes;

/// <summary>
/// Manifests as YAML documents (what <c>kubectl apply -f</c> and GitOps tools take): each object becomes its API JSON
/// through <see cref="K8sJsonContext"/>, and that JSON becomes YAML node by node, without reflection.
/// </summary>
internal static class ManifestYaml
{
    private static readonly string[] FirstKeys = ["apiVersion", "kind", "metadata"];

    public static string Write(IReadOnlyList<IKubernetesObject<V1ObjectMeta>> objects)
    {
        var stream = new YamlStream();
        foreach (var item in objects)
        {
            // apiVersion, kind and metadata first, as people write manifests; the rest as the API names them.
            var json = JsonNode.Parse(ToJson(item))!.AsObject();
            var ordered = new JsonObject();
            foreach (var key in FirstKeys.Concat(json.Select(p => p.Key)).Distinct().ToList())
            {
                if (json[key] is { } value)
                {
                    json.Remove(key);
                    ordered[key] = value;
                }
            }

            stream.Documents.Add(new YamlDocument(ToYaml(ordered)));
        }

        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        stream.Save(writer, assignAnchors: false);
        // YamlDotNet closes every document with "...": the next document's "---" is enough.
        return string.Join('\n', writer.ToString().Split('\n').Where(line => line != "...")).TrimEnd() + "\n";
    }

    /// <summary>One object's JSON, as the API server takes it.</summary>
    public static string ToJson(IKubernetesObject<V1ObjectMeta> item) => item switch
    {
        V1ConfigMap c => JsonSerializer.Serialize(c, K8sJsonContext.Default.V1ConfigMap),
        V1Secret s => JsonSerializer.Serialize(s, K8sJsonContext.Default.V1Secret),
        V1Service s => JsonSerializer.Serialize(s, K8sJsonContext.Default.V1Service),
        V1Job j => JsonSerializer.Serialize(j, K8sJsonContext.Default.V1Job),
        _ => throw new ArgumentException($"no manifest writer for {item.GetType().Name}", nameof(item)),
    };

    private static YamlNode ToYaml(JsonNode node) => node switch
    {
        JsonObject map => new YamlMappingNode(map.Select(p => new KeyValuePair<YamlNode, YamlNode>(new YamlScalarNode(p.Key), ToYaml(p.Value!)))),
        JsonArray list => new YamlSequenceNode(list.Select(i => ToYaml(i!))),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => Text(value.GetValue<string>()),
        JsonValue value => new YamlScalarNode(value.ToJsonString()) { Style = ScalarStyle.Plain },
        _ => throw new ArgumentException("a JSON null has no manifest form", nameof(node)),
    };

    /// <summary>
    /// A string stays a string: one that YAML would read as a number, a boolean or null, or that has characters plain
    /// YAML cannot hold, is quoted; a file's text with several lines is written as a literal block.
    /// </summary>
    private static YamlScalarNode Text(string text)
    {
        if (text.Contains('\n', StringComparison.Ordinal) && !text.Contains('\r', StringComparison.Ordinal) && !text.Contains('\t', StringComparison.Ordinal))
        {
            return new YamlScalarNode(text) { Style = ScalarStyle.Literal };
        }

        var plain = text.Length > 0
            && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            && text.ToLowerInvariant() is not ("true" or "false" or "null" or "yes" or "no" or "on" or "off" or "~")
            && text.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or '(' or ')' or '$' or '=' or '@' or '+')
            && !char.IsDigit(text[0]) && !text.StartsWith('-') && !text.StartsWith('@');
        return new YamlScalarNode(text) { Style = plain ? ScalarStyle.Plain : ScalarStyle.DoubleQuoted };
    }
}
