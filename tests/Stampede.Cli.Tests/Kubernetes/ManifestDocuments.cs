using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using Stampede.Cli.Kubernetes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Stampede.Cli.Tests.Kubernetes;

/// <summary>
/// Reads rendered manifests back as a cluster would: YAML documents to API JSON (a plain scalar that reads as a
/// number or boolean is one, as in YAML's core schema), then into the client's typed models with unknown members
/// refused, so a misspelt or misplaced field fails.
/// </summary>
internal static class ManifestDocuments
{
    public static List<JsonObject> Read(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return [.. stream.Documents.Select(d => ToJson(d.RootNode).AsObject())];
    }

    public static V1Job Job(JsonObject json) => JsonSerializer.Deserialize(json.ToJsonString(), K8sJsonContext.Default.V1Job)!;

    public static V1Service Service(JsonObject json) => JsonSerializer.Deserialize(json.ToJsonString(), K8sJsonContext.Default.V1Service)!;

    public static V1ConfigMap ConfigMap(JsonObject json) => JsonSerializer.Deserialize(json.ToJsonString(), K8sJsonContext.Default.V1ConfigMap)!;

    public static V1Secret Secret(JsonObject json) => JsonSerializer.Deserialize(json.ToJsonString(), K8sJsonContext.Default.V1Secret)!;

    private static JsonNode ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(p => new KeyValuePair<string, JsonNode?>(((YamlScalarNode)p.Key).Value!, ToJson(p.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(ToJson)]),
        YamlScalarNode { Style: ScalarStyle.Plain } scalar when long.TryParse(scalar.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" or "false" } scalar => JsonValue.Create(scalar.Value == "true"),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value!),
        _ => throw new InvalidOperationException($"unexpected YAML node {node.NodeType}"),
    };
}
