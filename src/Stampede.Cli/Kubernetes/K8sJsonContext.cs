using System.Text.Json.Serialization;
using k8s.Models;

namespace Stampede.Cli.Kubernetes;

/// <summary>
/// The Kubernetes objects Stampede writes and reads, as JSON without reflection (the native executable). Unknown
/// members are refused: what reads a manifest with this context finds a misspelt field rather than dropping it.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(V1ConfigMap))]
[JsonSerializable(typeof(V1Secret))]
[JsonSerializable(typeof(V1Service))]
[JsonSerializable(typeof(V1Job))]
internal sealed partial class K8sJsonContext : JsonSerializerContext;
