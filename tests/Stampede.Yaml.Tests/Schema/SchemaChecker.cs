using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Stampede.Yaml.Tests.Schema;

/// <summary>
/// A small JSON Schema checker for the keywords our plan schema uses (type, properties, additionalProperties, required,
/// enum, items, anyOf, oneOf, $ref to $defs, pattern, minimum, exclusiveMinimum, minItems, maxItems, minProperties,
/// maxProperties, minLength). Returns the problems found, empty when the instance is valid.
/// </summary>
internal sealed class SchemaChecker(JsonNode schema)
{
    public List<string> Check(JsonNode? instance)
    {
        var problems = new List<string>();
        Check(schema, instance, "$", problems);
        return problems;
    }

    private void Check(JsonNode? s, JsonNode? value, string path, List<string> problems)
    {
        if (s is not JsonObject rule)
        {
            return;
        }

        if (rule["$ref"] is { } reference)
        {
            var name = reference.GetValue<string>().Replace("#/$defs/", "", StringComparison.Ordinal);
            Check(schema["$defs"]![name], value, path, problems);
        }

        if (rule["type"] is { } type)
        {
            var types = type is JsonArray array ? array.Select(t => t!.GetValue<string>()).ToList() : [type.GetValue<string>()];
            if (!types.Any(t => IsType(value, t)))
            {
                problems.Add($"{path}: expected {string.Join(" or ", types)}, found {Kind(value)}");
                return;
            }
        }

        if (rule["enum"] is JsonArray choices && !choices.Any(c => JsonNode.DeepEquals(c, value)))
        {
            problems.Add($"{path}: not one of {choices.ToJsonString()}");
        }

        if (rule["anyOf"] is JsonArray anyOf && !anyOf.Any(option => Check(option, value, path).Count == 0))
        {
            problems.Add($"{path}: matches none of anyOf");
        }

        if (rule["oneOf"] is JsonArray oneOf)
        {
            var matches = oneOf.Count(option => Check(option, value, path).Count == 0);
            if (matches != 1)
            {
                problems.Add($"{path}: matches {matches} of oneOf, expected exactly 1");
            }
        }

        if (value is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.String)
        {
            var text = scalar.GetValue<string>();
            if (rule["pattern"] is { } pattern && !Regex.IsMatch(text, pattern.GetValue<string>()))
            {
                problems.Add($"{path}: '{text}' does not match {pattern}");
            }

            if (rule["minLength"] is { } minLength && text.Length < minLength.GetValue<int>())
            {
                problems.Add($"{path}: shorter than {minLength}");
            }
        }

        if (value is JsonValue number && number.GetValueKind() == JsonValueKind.Number)
        {
            var n = Number(number);
            if (rule["minimum"] is { } minimum && n < Number(minimum))
            {
                problems.Add($"{path}: {n} is below {minimum}");
            }

            if (rule["exclusiveMinimum"] is { } exclusive && n <= Number(exclusive))
            {
                problems.Add($"{path}: {n} is not above {exclusive}");
            }
        }

        if (value is JsonArray items)
        {
            if (rule["minItems"] is { } minItems && items.Count < minItems.GetValue<int>())
            {
                problems.Add($"{path}: fewer than {minItems} items");
            }

            if (rule["maxItems"] is { } maxItems && items.Count > maxItems.GetValue<int>())
            {
                problems.Add($"{path}: more than {maxItems} items");
            }

            for (var i = 0; i < items.Count; i++)
            {
                Check(rule["items"], items[i], $"{path}[{i}]", problems);
            }
        }

        if (value is JsonObject obj)
        {
            foreach (var required in rule["required"]?.AsArray() ?? [])
            {
                if (!obj.ContainsKey(required!.GetValue<string>()))
                {
                    problems.Add($"{path}: missing '{required}'");
                }
            }

            if (rule["minProperties"] is { } minProperties && obj.Count < minProperties.GetValue<int>())
            {
                problems.Add($"{path}: fewer than {minProperties} properties");
            }

            if (rule["maxProperties"] is { } maxProperties && obj.Count > maxProperties.GetValue<int>())
            {
                problems.Add($"{path}: more than {maxProperties} properties");
            }

            var properties = rule["properties"] as JsonObject;
            foreach (var (key, child) in obj)
            {
                if (properties is not null && properties.ContainsKey(key))
                {
                    Check(properties[key], child, $"{path}.{key}", problems);
                }
                else if (rule["additionalProperties"] is { } additional)
                {
                    if (additional is JsonValue flag && flag.GetValueKind() == JsonValueKind.False)
                    {
                        problems.Add($"{path}: unknown property '{key}'");
                    }
                    else
                    {
                        Check(additional, child, $"{path}.{key}", problems);
                    }
                }
            }
        }
    }

    private List<string> Check(JsonNode? s, JsonNode? value, string path)
    {
        var problems = new List<string>();
        Check(s, value, path, problems);
        return problems;
    }

    private static bool IsType(JsonNode? value, string type) => type switch
    {
        "object" => value is JsonObject,
        "array" => value is JsonArray,
        "string" => value is JsonValue v && v.GetValueKind() == JsonValueKind.String,
        "boolean" => value is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "number" => value is JsonValue v && v.GetValueKind() == JsonValueKind.Number,
        "integer" => value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && Number(v) % 1 == 0,
        "null" => value is null,
        _ => false,
    };

    private static double Number(JsonNode node) => double.Parse(node.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    private static string Kind(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind().ToString().ToLowerInvariant(),
        _ => "?",
    };
}
