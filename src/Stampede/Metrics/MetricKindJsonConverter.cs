using System.Text.Json;
using System.Text.Json.Serialization;

namespace Stampede.Metrics;

/// <summary>
/// Reads and writes <see cref="MetricKind"/> as the result format's lower-case name. A converter of our own rather
/// than <see cref="JsonStringEnumConverter{TEnum}"/>: that one also reads numbers and any casing, and a result that
/// names a kind this version does not know should say so, not load as something else.
/// </summary>
internal sealed class MetricKindJsonConverter : JsonConverter<MetricKind>
{
    public override MetricKind Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var name = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return MetricKindExtensions.TryParse(name, out var kind)
            ? kind
            : throw new JsonException(
                $"unknown metric kind {(name is null ? reader.TokenType.ToString().ToLowerInvariant() : $"'{name}'")}: expected {MetricKindExtensions.Expected}");
    }

    public override void Write(Utf8JsonWriter writer, MetricKind value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Name());
}
