using System.Text.Json;
using System.Text.Json.Serialization;

namespace Stampede.Tests.Protocols.Http;

/// <summary>A type with source-generated metadata (web defaults) for the JsonTypeInfo overloads.</summary>
public static partial class HttpJsonTestTypes
{
    public sealed record Person(string Name, int Age);

    [JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
    [JsonSerializable(typeof(Person))]
    public sealed partial class HttpContext : JsonSerializerContext;
}
