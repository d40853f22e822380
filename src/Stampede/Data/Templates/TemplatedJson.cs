using System.Text.Json;
using System.Text.Json.Nodes;
using Stampede.Plans;

namespace Stampede.Data.Templates;

/// <summary>
/// A JSON body whose string values are templates. Object keys and non-string values are kept as written. A string
/// value that is exactly one placeholder (<c>"{{ random.int(1, 5) }}"</c>, nothing around it) takes the type of what the
/// expression produced: a number, a boolean, JSON (objects and arrays from setup or captures) or null. Every other string
/// stays a string — including values that merely look numeric, such as a CSV column: data-set columns are strings.
/// </summary>
public sealed class TemplatedJson
{
    private readonly JsonNode? _root;
    private readonly Dictionary<JsonValue, Template> _templates;
    private readonly string _constant;

    private TemplatedJson(JsonNode? root, Dictionary<JsonValue, Template> templates, IReadOnlyList<string> names)
    {
        _root = root;
        _templates = templates;
        ReferencedNames = names;
        _constant = root?.ToJsonString() ?? "null";
    }

    /// <summary>True when no string value has a placeholder: <see cref="Render"/> returns the same compact JSON every time.</summary>
    public bool IsConstant => _templates.Count == 0;

    /// <summary>Root names the templates read, each once (see <see cref="Template.ReferencedNames"/>).</summary>
    public IReadOnlyList<string> ReferencedNames { get; }

    /// <summary>Parses every string value of <paramref name="body"/> as a template, adding problems to <paramref name="errors"/> with the JSON path of the value.</summary>
    /// <param name="body">The body as written in the plan.</param>
    /// <param name="errors">Receives every problem.</param>
    /// <param name="path">The setting, e.g. <c>scenarios.chat.steps[0].json</c>.</param>
    /// <param name="location">Where the body is in the plan's source.</param>
    public static TemplatedJson Parse(JsonNode? body, List<PlanError> errors, string path, SourceLocation? location = null)
    {
        var root = body?.DeepClone();
        var templates = new Dictionary<JsonValue, Template>(ReferenceEqualityComparer.Instance);
        var names = new List<string>();
        Walk(root, path);
        return new TemplatedJson(root, templates, names);

        void Walk(JsonNode? node, string at)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, child) in obj)
                    {
                        Walk(child, at + "." + key);
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        Walk(array[i], $"{at}[{i}]");
                    }

                    break;
                case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                    var template = Template.Parse(value.GetValue<string>(), errors, at, location);
                    if (!template.IsConstant)
                    {
                        templates[value] = template;
                        names.AddRange(template.ReferencedNames.Where(n => !names.Contains(n)));
                    }

                    break;
            }
        }
    }

    /// <summary>Parses a JSON text; invalid JSON is reported with its line and column.</summary>
    public static TemplatedJson Parse(string json, List<PlanError> errors, string path, SourceLocation? location = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        try
        {
            return Parse(JsonNode.Parse(json), errors, path, location);
        }
        catch (JsonException e)
        {
            errors.Add(new PlanError(path, $"invalid JSON at line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1}", location));
            return Parse((JsonNode?)null, errors, path, location);
        }
    }

    /// <summary>Renders the body as compact JSON.</summary>
    public string Render(TemplateScope scope)
    {
        if (IsConstant)
        {
            return _constant;
        }

        return JsonText.Write((Body: this, Scope: scope), static (writer, state) => state.Body.WriteTo(writer, state.Scope), capacity: 256);
    }

    /// <summary>Writes the rendered body to <paramref name="writer"/>.</summary>
    public void WriteTo(Utf8JsonWriter writer, TemplateScope scope)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Write(_root, writer, scope);
    }

    private void Write(JsonNode? node, Utf8JsonWriter writer, TemplateScope scope)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                return;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, child) in obj)
                {
                    writer.WritePropertyName(key);
                    Write(child, writer, scope);
                }

                writer.WriteEndObject();
                return;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var child in array)
                {
                    Write(child, writer, scope);
                }

                writer.WriteEndArray();
                return;
            case JsonValue value when _templates.TryGetValue(value, out var template):
                if (template.IsSingleExpression)
                {
                    template.Evaluate(scope).WriteTo(writer, scope.Builder);
                }
                else
                {
                    writer.WriteStringValue(template.Render(scope));
                }

                return;
            default:
                node.WriteTo(writer);
                return;
        }
    }
}
