using System.Text.Json;
using System.Text.Json.Serialization;

namespace Stampede.Tests.Protocols.WebSockets;

/// <summary>A message type with source-generated metadata (web defaults) for the JsonTypeInfo overload.</summary>
public static partial class WsJsonTestTypes
{
    public sealed record Subscribe(string Type, string Channel);

    [JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
    [JsonSerializable(typeof(Subscribe))]
    public sealed partial class WsContext : JsonSerializerContext;
}
