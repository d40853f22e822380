using System.Globalization;
using Acornima;
using Acornima.Ast;

namespace Stampede.K6.Conversion;

/// <summary>
/// Turns a script expression into what a plan can write: text with <c>${ENV:-default}</c> for <c>__ENV</c> and
/// <c>{{ }}</c> for values known only at run time (<c>Date.now()</c>, a random pick, a capture), numbers, data.
/// </summary>
internal static class ExpressionConverter
{
    public static ScriptValue Value(Expression expression, ScriptScope scope) => expression switch
    {
        StringLiteral s => new TextValue(Escape(s.Value)),
        NumericLiteral n => new NumberValue(n.Value),
        BooleanLiteral b => new BoolValue(b.Value),
        NullLiteral => new NullValue(),
        TemplateLiteral t => Template(t, scope),
        Identifier { Name: "undefined" } => new NullValue(),
        Identifier { Name: "__VU" } => new TextValue("{{ vu.id }}"),
        Identifier { Name: "__ITER" } => new TextValue("{{ vu.iteration }}"),
        Identifier id => scope.Lookup(id.Name, Value) ?? new UnknownValue(id, $"'{id.Name}' is not a constant of the script"),
        LogicalExpression { Operator: Operator.LogicalOr or Operator.NullishCoalescing } or => Or(or, scope),
        MemberExpression member => Member(member, scope),
        CallExpression call => Call(call, scope),
        ObjectExpression obj => Object(obj, scope),
        ArrayExpression array => Array(array, scope),
        BinaryExpression { Operator: Operator.Addition } add => Add(add, scope),
        UnaryExpression { Operator: Operator.UnaryNegation, Argument: NumericLiteral n } => new NumberValue(-n.Value),
        ArrowFunctionExpression or FunctionExpression => new FunctionValue(expression),
        _ => new UnknownValue(expression, "an expression a plan cannot compute"),
    };

    /// <summary>The value as text for a URL, a header, a name: null when it is not text or a number.</summary>
    public static string? Text(ScriptValue value) => value switch
    {
        TextValue t => t.Template,
        NumberValue n => n.Value.ToString(CultureInfo.InvariantCulture),
        BoolValue b => b.Value ? "true" : "false",
        _ => null,
    };

    /// <summary>The value as YAML data, or the first part of it YAML cannot say.</summary>
    public static YamlValue? Yaml(ScriptValue value, out UnknownValue? unknown)
    {
        unknown = null;
        switch (value)
        {
            case TextValue t:
                return new YamlText(t.Template);
            case NumberValue n:
                return new YamlNumber(n.Value);
            case BoolValue b:
                return new YamlBool(b.Value);
            case ObjectValue o:
                var map = new YamlMap();
                foreach (var (key, item) in o.Properties)
                {
                    if (Yaml(item, out unknown) is not { } converted)
                    {
                        return null;
                    }

                    map.Add(key, converted);
                }

                return map;
            case ArrayValue a:
                var list = new YamlList();
                foreach (var item in a.Items)
                {
                    if (Yaml(item, out unknown) is not { } converted)
                    {
                        return null;
                    }

                    list.Items.Add(converted);
                }

                return list;
            case UnknownValue u:
                unknown = u;
                return null;
            default:
                return null;
        }
    }

    /// <summary>A literal part of the script's text: <c>${</c> would be read as an environment variable by the plan.</summary>
    private static string Escape(string text) => text.Replace("${", "$${", StringComparison.Ordinal);

    private static ScriptValue Template(TemplateLiteral template, ScriptScope scope)
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < template.Quasis.Count; i++)
        {
            text.Append(Escape(template.Quasis[i].Value.Cooked ?? template.Quasis[i].Value.Raw));
            if (i < template.Expressions.Count)
            {
                var part = Value(template.Expressions[i], scope);
                if (Text(part) is not { } piece)
                {
                    return part as UnknownValue ?? new UnknownValue(template.Expressions[i], "a part of the text that is not text");
                }

                text.Append(piece);
            }
        }

        return new TextValue(text.ToString());
    }

    private static ScriptValue Or(LogicalExpression or, ScriptScope scope)
    {
        // __ENV.NAME || 'default' is the plan's ${NAME:-default}.
        if (or.Left is MemberExpression { Object: Identifier { Name: "__ENV" }, Property: Identifier env, Computed: false }
            && Text(Value(or.Right, scope)) is { } fallback && !fallback.Contains('}', StringComparison.Ordinal))
        {
            return new TextValue($"${{{env.Name}:-{fallback}}}");
        }

        return new UnknownValue(or, "a choice between values a plan cannot make");
    }

    private static ScriptValue Member(MemberExpression member, ScriptScope scope)
    {
        if (member is { Object: Identifier { Name: "__ENV" }, Property: Identifier env, Computed: false })
        {
            return new TextValue($"${{{env.Name}:-}}");
        }

        // list[Math.floor(Math.random() * list.length)]: a random pick from a constant list.
        if (member.Computed && IsRandomIndex(member.Property))
        {
            if (Value(member.Object, scope) is ArrayValue { Items.Count: > 0 } choices && choices.Items.Select(Text).ToList() is var texts && texts.All(t => t is not null && !t.Contains('"', StringComparison.Ordinal) && !t.Contains("{{", StringComparison.Ordinal)))
            {
                return new TextValue($"{{{{ random.pick({string.Join(", ", texts.Select(t => $"\"{t}\""))}) }}}}");
            }

            return new UnknownValue(member, "a random pick from something other than a list of texts");
        }

        var owner = Value(member.Object, scope);
        var key = member.Computed ? Text(Value(member.Property, scope)) : (member.Property as Identifier)?.Name;
        return owner switch
        {
            ObjectValue o when key is not null && o.Get(key) is { } found => found,
            ArrayValue a when key is not null && int.TryParse(key, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < a.Items.Count => a.Items[i],
            ArrayValue a when key == "length" => new NumberValue(a.Items.Count),
            UnknownValue u => u,
            _ => new UnknownValue(member, "a value a plan cannot read"),
        };
    }

    private static bool IsRandomIndex(Expression index) =>
        index is CallExpression { Callee: MemberExpression { Object: Identifier { Name: "Math" }, Property: Identifier { Name: "floor" } }, Arguments: [BinaryExpression { Operator: Operator.Multiplication } times] }
        && (IsMathRandom(times.Left) || IsMathRandom(times.Right));

    private static bool IsMathRandom(Node node) =>
        node is CallExpression { Callee: MemberExpression { Object: Identifier { Name: "Math" }, Property: Identifier { Name: "random" } }, Arguments.Count: 0 };

    private static ScriptValue Call(CallExpression call, ScriptScope scope)
    {
        switch (call.Callee)
        {
            case MemberExpression { Object: Identifier { Name: "Date" }, Property: Identifier { Name: "now" } } when call.Arguments.Count == 0:
                return new TextValue("{{ now.unixMs }}");
            case MemberExpression { Object: Identifier { Name: "JSON" }, Property: Identifier { Name: "stringify" } } when call.Arguments.Count == 1:
                var inner = Value((Expression)call.Arguments[0], scope);
                return inner is UnknownValue u ? u : new JsonValue(inner);
            default:
                return new UnknownValue(call, "a function call a plan cannot make");
        }
    }

    private static ScriptValue Object(ObjectExpression obj, ScriptScope scope)
    {
        var properties = new List<KeyValuePair<string, ScriptValue>>();
        foreach (var node in obj.Properties)
        {
            switch (node)
            {
                case Property { Computed: false, Value: Expression value } property when PropertyName(property.Key) is { } name:
                    properties.Add(new(name, Value(value, scope)));
                    break;
                case SpreadElement spread when Value(spread.Argument, scope) is ObjectValue spreaded:
                    properties.AddRange(spreaded.Properties);
                    break;
                default:
                    return new UnknownValue(node, "a property a plan cannot write");
            }
        }

        return new ObjectValue(properties);
    }

    public static string? PropertyName(Node key) => key switch
    {
        Identifier id => id.Name,
        StringLiteral s => s.Value,
        NumericLiteral n => n.Value.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    private static ScriptValue Array(ArrayExpression array, ScriptScope scope)
    {
        var items = new List<ScriptValue>();
        foreach (var item in array.Elements)
        {
            if (item is not Expression e)
            {
                return new UnknownValue(array, "a list with holes or spreads");
            }

            items.Add(Value(e, scope));
        }

        return new ArrayValue(items);
    }

    private static ScriptValue Add(BinaryExpression add, ScriptScope scope)
    {
        var left = Value(add.Left, scope);
        var right = Value(add.Right, scope);
        if (left is NumberValue a && right is NumberValue b)
        {
            return new NumberValue(a.Value + b.Value);
        }

        return Text(left) is { } l && Text(right) is { } r && (left is TextValue || right is TextValue)
            ? new TextValue(l + r)
            : left as UnknownValue ?? right as UnknownValue ?? new UnknownValue(add, "a sum a plan cannot compute");
    }
}
