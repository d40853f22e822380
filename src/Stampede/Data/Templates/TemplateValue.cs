using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stampede.Data.Templates;

/// <summary>What an expression produced, kept unboxed so rendering numbers and times allocates nothing.</summary>
internal readonly struct TemplateValue
{
    private readonly long _long;
    private readonly double _double;
    private readonly object? _object;
    private readonly JsonElement _json;

    private TemplateValue(TemplateValueKind kind, long number = 0, double real = 0, object? value = null, JsonElement json = default)
    {
        Kind = kind;
        _long = number;
        _double = real;
        _object = value;
        _json = json;
    }

    public TemplateValueKind Kind { get; }

    public static TemplateValue Null => default;

    public static TemplateValue From(string? value) => value is null ? Null : new(TemplateValueKind.String, value: value);

    public static TemplateValue From(long value) => new(TemplateValueKind.Integer, number: value);

    public static TemplateValue From(double value) => new(TemplateValueKind.Real, real: value);

    public static TemplateValue From(bool value) => new(TemplateValueKind.Boolean, number: value ? 1 : 0);

    public static TemplateValue From(Guid value) => new(TemplateValueKind.Guid, value: value);

    public static TemplateValue FromTime(DateTimeOffset value) => new(TemplateValueKind.Time, number: value.UtcTicks);

    public static TemplateValue From(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => Null,
        JsonValueKind.String => From(value.GetString()),
        JsonValueKind.True => From(true),
        JsonValueKind.False => From(false),
        _ => new(TemplateValueKind.Json, json: value),
    };

    /// <summary>Wraps whatever a variable or setup held.</summary>
    public static TemplateValue FromObject(object? value) => value switch
    {
        null => Null,
        string s => From(s),
        bool b => From(b),
        int i => From(i),
        long l => From(l),
        short s => From(s),
        byte b => From(b),
        uint u => From(u),
        double d => From(d),
        float f => From(f),
        Guid g => From(g),
        DateTimeOffset t => FromTime(t),
        JsonElement e => From(e),
        JsonValue v when v.TryGetValue(out JsonElement e) => From(e),
        JsonNode n => From(ToElement(n)),
        _ => new(TemplateValueKind.Other, value: value),
    };

    /// <summary>The value's own object (for walking into it with <c>.name</c> or <c>[i]</c>).</summary>
    public object? AsObject() => Kind switch
    {
        TemplateValueKind.Null => null,
        TemplateValueKind.Json => _json,
        TemplateValueKind.Integer => _long,
        TemplateValueKind.Real => _double,
        TemplateValueKind.Boolean => _long != 0,
        TemplateValueKind.Time => new DateTimeOffset(_long, TimeSpan.Zero),
        _ => _object,
    };

    public void AppendTo(StringBuilder builder)
    {
        Span<char> buffer = stackalloc char[40];
        int written;
        switch (Kind)
        {
            case TemplateValueKind.Null:
                return;
            case TemplateValueKind.String:
                builder.Append((string)_object!);
                return;
            case TemplateValueKind.Integer:
                _long.TryFormat(buffer, out written, default, CultureInfo.InvariantCulture);
                builder.Append(buffer[..written]);
                return;
            case TemplateValueKind.Real:
                _double.TryFormat(buffer, out written, "R", CultureInfo.InvariantCulture);
                builder.Append(buffer[..written]);
                return;
            case TemplateValueKind.Boolean:
                builder.Append(_long != 0 ? "true" : "false");
                return;
            case TemplateValueKind.Guid:
                ((Guid)_object!).TryFormat(buffer, out written, "D");
                builder.Append(buffer[..written]);
                return;
            case TemplateValueKind.Time:
                new DateTimeOffset(_long, TimeSpan.Zero).TryFormat(buffer, out written, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
                builder.Append(buffer[..written]);
                return;
            case TemplateValueKind.Json:
                builder.Append(_json.ValueKind == JsonValueKind.Number ? _json.GetRawText() : CompactJson(_json));
                return;
            default:
                builder.Append(OtherToString(_object));
                return;
        }
    }

    /// <summary>Writes the value keeping its JSON type: numbers as numbers, booleans as booleans, JSON as JSON, null as null.</summary>
    public void WriteTo(Utf8JsonWriter writer, StringBuilder scratch)
    {
        switch (Kind)
        {
            case TemplateValueKind.Null:
                writer.WriteNullValue();
                return;
            case TemplateValueKind.Integer:
                writer.WriteNumberValue(_long);
                return;
            case TemplateValueKind.Real:
                if (double.IsFinite(_double))
                {
                    writer.WriteNumberValue(_double);
                }
                else
                {
                    writer.WriteNullValue();
                }

                return;
            case TemplateValueKind.Boolean:
                writer.WriteBooleanValue(_long != 0);
                return;
            case TemplateValueKind.Json:
                _json.WriteTo(writer);
                return;
            case TemplateValueKind.String:
                writer.WriteStringValue((string)_object!);
                return;
            default:
                scratch.Clear();
                AppendTo(scratch);
                writer.WriteStringValue(scratch.ToString());
                return;
        }
    }

    private static string CompactJson(JsonElement element) => JsonText.Write(element, static (writer, element) => element.WriteTo(writer));

    private static JsonElement ToElement(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            node.WriteTo(writer);
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return JsonElement.ParseValue(ref reader);
    }

    private static string OtherToString(object? value) => value switch
    {
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IDictionary or IEnumerable and not string => TemplateJsonWriter.ToJson(value),
        _ => value?.ToString() ?? "",
    };
}

internal enum TemplateValueKind
{
    Null,
    String,
    Integer,
    Real,
    Boolean,
    Guid,
    Time,
    Json,
    Other,
}
