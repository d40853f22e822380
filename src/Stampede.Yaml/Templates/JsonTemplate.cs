using System.Text;
using System.Text.Json;

namespace Stampede.Yaml.Templates;

/// <summary>
/// A JSON body written in YAML, with <c>{{ }}</c> in its strings. Plain YAML numbers, booleans and null stay JSON
/// literals; a string that is exactly one placeholder keeps the captured value's JSON type (a number stays a number).
/// </summary>
internal abstract record JsonTemplate
{
    public abstract void Write(Utf8JsonWriter writer, ITemplateScope scope);

    public string Render(ITemplateScope scope)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, scope);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}

internal sealed record JsonObjectTemplate(IReadOnlyList<KeyValuePair<string, JsonTemplate>> Members) : JsonTemplate
{
    public override void Write(Utf8JsonWriter writer, ITemplateScope scope)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in Members)
        {
            writer.WritePropertyName(key);
            value.Write(writer, scope);
        }

        writer.WriteEndObject();
    }
}

internal sealed record JsonArrayTemplate(IReadOnlyList<JsonTemplate> Items) : JsonTemplate
{
    public override void Write(Utf8JsonWriter writer, ITemplateScope scope)
    {
        writer.WriteStartArray();
        foreach (var item in Items)
        {
            item.Write(writer, scope);
        }

        writer.WriteEndArray();
    }
}

internal sealed record JsonLiteralTemplate(string RawJson) : JsonTemplate
{
    public override void Write(Utf8JsonWriter writer, ITemplateScope scope) => writer.WriteRawValue(RawJson);
}

internal sealed record JsonStringTemplate(TextTemplate Text) : JsonTemplate
{
    public override void Write(Utf8JsonWriter writer, ITemplateScope scope)
    {
        if (Text.Single is { } single)
        {
            switch (scope.Resolve(single))
            {
                case JsonElement element when element.ValueKind is not JsonValueKind.String and not JsonValueKind.Undefined:
                    element.WriteTo(writer);
                    return;
                case int or long or double or bool:
                    writer.WriteRawValue(TextTemplate.Format(scope.Resolve(single)));
                    return;
            }
        }

        writer.WriteStringValue(Text.Render(scope));
    }
}
