using System.Text.Json;
using System.Text.Json.Serialization;

namespace Stampede.Metrics;

/// <summary>
/// Reads and writes <see cref="MetricUnit"/> as the result format's symbol (<c>ms</c>, <c>bytes</c>, or <c>""</c> for
/// none), which no enum member name can spell; an unknown symbol is an error that says which ones are known.
/// </summary>
internal sealed class MetricUnitJsonConverter : JsonConverter<MetricUnit>
{
    public override MetricUnit Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var symbol = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return MetricUnitExtensions.TryParse(symbol, out var unit)
            ? unit
            : throw new JsonException(
                $"unknown metric unit {(symbol is null ? reader.TokenType.ToString().ToLowerInvariant() : $"'{symbol}'")}: expected {MetricUnitExtensions.Expected}");
    }

    public override void Write(Utf8JsonWriter writer, MetricUnit value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Symbol());
}
