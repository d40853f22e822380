using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stampede.Data.Templates;

/// <summary>
/// Writes a dictionary or list that a variable or setup held as the JSON that <see cref="JsonSerializer"/> gives with
/// its defaults, without reflection-based serialisation, so templates render the same under NativeAOT.
/// </summary>
internal static class TemplateJsonWriter
{
    public static string ToJson(object? value) => JsonText.Write(value, static (writer, value) => Write(writer, value, depth: 0));

    private static void Write(Utf8JsonWriter writer, object? value, int depth)
    {
        // The serializer's own limit: a cycle fails the same way instead of overflowing the stack.
        if (depth > 64)
        {
            throw new JsonException("the value nests deeper than 64 levels (a cycle?)");
        }

        switch (value)
        {
            case null:
                writer.WriteNullValue();
                return;
            case string s:
                writer.WriteStringValue(s);
                return;
            case bool b:
                writer.WriteBooleanValue(b);
                return;
            case int or long or short or sbyte:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                return;
            case uint or ulong or ushort or byte:
                writer.WriteNumberValue(Convert.ToUInt64(value, CultureInfo.InvariantCulture));
                return;
            case double d:
                writer.WriteNumberValue(d);
                return;
            case float f:
                writer.WriteNumberValue(f);
                return;
            case decimal m:
                writer.WriteNumberValue(m);
                return;
            case char c:
                writer.WriteStringValue(c.ToString());
                return;
            case Guid g:
                writer.WriteStringValue(g);
                return;
            case DateTimeOffset t:
                writer.WriteStringValue(t);
                return;
            case DateTime t:
                writer.WriteStringValue(t);
                return;
            case JsonElement e:
                e.WriteTo(writer);
                return;
            case JsonNode n:
                n.WriteTo(writer);
                return;
            case IDictionary dictionary:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "");
                    Write(writer, entry.Value, depth + 1);
                }

                writer.WriteEndObject();
                return;
            case IEnumerable items when IsStringKeyed(items):
                writer.WriteStartObject();
                foreach (var item in items)
                {
                    var (key, inner) = KeyAndValue(item);
                    writer.WritePropertyName(key);
                    Write(writer, inner, depth + 1);
                }

                writer.WriteEndObject();
                return;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    Write(writer, item, depth + 1);
                }

                writer.WriteEndArray();
                return;
            default:
                WriteOther(writer, value);
                return;
        }
    }

    // IReadOnlyDictionary<string, T> that is not an IDictionary (e.g. a FrozenDictionary or a custom read-only map).
    private static bool IsStringKeyed(IEnumerable items) =>
        items is IReadOnlyDictionary<string, string> or IReadOnlyDictionary<string, object?>;

    private static (string Key, object? Value) KeyAndValue(object? item) => item switch
    {
        KeyValuePair<string, string> pair => (pair.Key, pair.Value),
        KeyValuePair<string, object?> pair => (pair.Key, pair.Value),
        _ => ("", item),
    };

    // Any other object can only come from a C# plan (YAML plans hold JSON values, dictionaries and lists). Where
    // reflection-based serialisation is enabled — the JIT, where C# plans run — it writes the object exactly as before;
    // in a trimmed or NativeAOT program, where it is disabled by default, the object's text stands in for it.
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only reached when reflection-based serialisation is enabled.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only reached when reflection-based serialisation is enabled.")]
    private static void WriteOther(Utf8JsonWriter writer, object value)
    {
        if (JsonSerializer.IsReflectionEnabledByDefault)
        {
            JsonSerializer.Serialize(writer, value, value.GetType());
        }
        else
        {
            writer.WriteStringValue(value.ToString());
        }
    }
}
