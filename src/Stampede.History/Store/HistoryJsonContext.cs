using System.Text.Json.Serialization;

namespace Stampede.History.Store;

/// <summary>Source-generated metadata (serializer defaults) for the run tags the store keeps as JSON text.</summary>
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class HistoryJsonContext : JsonSerializerContext;
