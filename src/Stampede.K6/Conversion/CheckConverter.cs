using System.Globalization;
using Acornima;
using Acornima.Ast;

namespace Stampede.K6.Conversion;

/// <summary>
/// Turns one k6 check function (<c>(r) =&gt; r.status === 200</c>) into a plan's check: the value it reads
/// (<c>status</c>, <c>json.id</c>, <c>body</c>, <c>duration</c>, <c>header.X</c>; on a WebSocket message <c>json.PATH</c>
/// or <c>text</c>) and a mapping of expectations carrying the check's name.
/// </summary>
internal static class CheckConverter
{
    /// <summary>The selector and expectation of <paramref name="function"/>, or why it cannot be one.</summary>
    public static (string Selector, YamlMap Expectation)? Convert(Node function, string name, bool message, out string why)
    {
        why = "a check a plan cannot express: write status, body, json, header or duration comparisons";
        var (param, body) = function switch
        {
            ArrowFunctionExpression { Params: [Identifier p], Body: Expression e } => (p.Name, e),
            ArrowFunctionExpression { Params: [Identifier p], Body: FunctionBody { Body: [ReturnStatement { Argument: { } r }] } } => (p.Name, r),
            FunctionExpression { Params: [Identifier p], Body.Body: [ReturnStatement { Argument: { } r }] } => (p.Name, r),
            _ => (null, null),
        };
        if (param is null || body is null)
        {
            why = "a check that is not a one-argument function returning a condition";
            return null;
        }

        // `r && r.status === 101`: the guard against no response is the check itself in a plan.
        while (body is LogicalExpression { Operator: Operator.LogicalAnd, Left: Identifier guard } and && guard.Name == param)
        {
            body = and.Right;
        }

        var result = Condition(body, param, message);
        if (result is null)
        {
            return null;
        }

        result.Value.Expectation.Add("name", new YamlText(name));
        return result;
    }

    private static (string Selector, YamlMap Expectation)? Condition(Expression body, string param, bool message)
    {
        switch (body)
        {
            case CallExpression { Callee: MemberExpression { Object: Identifier { Name: "Array" }, Property: Identifier { Name: "isArray" } }, Arguments: [Expression of] }
                when Selector(of, param, message) is { } array:
                return (array, Map("isArray", new YamlBool(true)));
            case CallExpression { Callee: MemberExpression { Property: Identifier { Name: "includes" }, Object: var text }, Arguments: [StringLiteral part] }
                when Selector(text, param, message) is { } contains:
                return (contains, Map("contains", new YamlText(part.Value)));
            case LogicalExpression { Operator: Operator.LogicalOr } or:
                return OneOf(or, param, message);
            case BinaryExpression binary:
                return Comparison(binary, param, message);
            default:
                return null;
        }
    }

    private static (string, YamlMap)? OneOf(LogicalExpression or, string param, bool message)
    {
        var values = new List<YamlValue>();
        string? selector = null;
        foreach (var part in Alternatives(or))
        {
            if (part is not BinaryExpression { Operator: Operator.StrictEquality or Operator.Equality } equal
                || Comparison(equal, param, message) is not ({ } s, var expectation)
                || (selector is not null && selector != s)
                || expectation.Get("is") is not { } value)
            {
                return null;
            }

            selector = s;
            values.Add(value);
        }

        return selector is null ? null : (selector, Map("oneOf", new YamlList(values)));
    }

    private static IEnumerable<Expression> Alternatives(Expression expression) =>
        expression is LogicalExpression { Operator: Operator.LogicalOr } or ? Alternatives(or.Left).Concat(Alternatives(or.Right)) : [expression];

    private static (string, YamlMap)? Comparison(BinaryExpression binary, string param, bool message)
    {
        var (subject, literal, op) = (binary.Left, binary.Right, binary.Operator);
        if (Literal(subject) is not null && Literal(literal) is null)
        {
            (subject, literal, op) = (binary.Right, binary.Left, Mirror(op));
        }

        // typeof x === 'number'
        if (subject is UnaryExpression { Operator: Operator.TypeOf, Argument: var typed } && literal is StringLiteral type
            && op is Operator.StrictEquality or Operator.Equality && Selector(typed, param, message) is { } ofType)
        {
            var key = type.Value switch { "number" => "isNumber", "string" => "isString", "boolean" => "isBool", "object" => "isObject", _ => null };
            return key is null ? null : (ofType, Map(key, new YamlBool(true)));
        }

        // x.indexOf('a') !== -1
        if (subject is CallExpression { Callee: MemberExpression { Property: Identifier { Name: "indexOf" }, Object: var text }, Arguments: [StringLiteral part] }
            && literal is UnaryExpression { Operator: Operator.UnaryNegation, Argument: NumericLiteral { Value: 1 } }
            && op is Operator.StrictInequality or Operator.Inequality && Selector(text, param, message) is { } contains)
        {
            return (contains, Map("contains", new YamlText(part.Value)));
        }

        // x.length > 0
        string? selector;
        var lengthOf = false;
        if (subject is MemberExpression { Property: Identifier { Name: "length" }, Computed: false, Object: var measured } && Selector(measured, param, message) is { } measuredSelector)
        {
            selector = measuredSelector;
            lengthOf = true;
        }
        else
        {
            selector = Selector(subject, param, message);
        }

        if (selector is null)
        {
            return null;
        }

        if (literal is Identifier { Name: "undefined" } or NullLiteral && op is Operator.StrictEquality or Operator.Equality or Operator.StrictInequality or Operator.Inequality && !lengthOf)
        {
            return (selector, Map("exists", new YamlBool(op is Operator.StrictInequality or Operator.Inequality)));
        }

        if (Literal(literal) is not { } value)
        {
            return null;
        }

        var symbol = op switch
        {
            Operator.StrictEquality or Operator.Equality => "is",
            Operator.StrictInequality or Operator.Inequality => "!=",
            Operator.GreaterThan => ">",
            Operator.GreaterThanOrEqual => ">=",
            Operator.LessThan => "<",
            Operator.LessThanOrEqual => "<=",
            _ => null,
        };
        if (symbol is null)
        {
            return null;
        }

        if (lengthOf)
        {
            var number = (value as YamlNumber)?.Value.ToString(CultureInfo.InvariantCulture);
            return number is null ? null : (selector, Map("length", new YamlText(symbol == "is" ? number : symbol + number)));
        }

        return (selector, Map(symbol, value));
    }

    private static Operator Mirror(Operator op) => op switch
    {
        Operator.GreaterThan => Operator.LessThan,
        Operator.GreaterThanOrEqual => Operator.LessThanOrEqual,
        Operator.LessThan => Operator.GreaterThan,
        Operator.LessThanOrEqual => Operator.GreaterThanOrEqual,
        _ => op,
    };

    private static YamlValue? Literal(Expression expression) => expression switch
    {
        NumericLiteral n => new YamlNumber(n.Value),
        StringLiteral s => new YamlText(s.Value),
        BooleanLiteral b => new YamlBool(b.Value),
        UnaryExpression { Operator: Operator.UnaryNegation, Argument: NumericLiteral n } => new YamlNumber(-n.Value),
        _ => null,
    };

    private static YamlMap Map(string key, YamlValue value) => new YamlMap().Add(key, value);

    /// <summary>The plan's name for what <paramref name="expression"/> reads of the response (or message) <paramref name="param"/>.</summary>
    private static string? Selector(Expression expression, string param, bool message)
    {
        if (message)
        {
            return expression is Identifier id && id.Name == param ? "json" : JsonPath(expression, param, "json");
        }

        switch (expression)
        {
            case MemberExpression { Object: Identifier owner, Property: Identifier property, Computed: false } when owner.Name == param:
                return property.Name switch { "status" => "status", "body" => "body", _ => null };
            case MemberExpression { Object: MemberExpression { Object: Identifier owner, Property: Identifier { Name: "timings" } }, Property: Identifier { Name: "duration" } } when owner.Name == param:
                return "duration";
            case MemberExpression { Object: MemberExpression { Object: Identifier owner, Property: Identifier { Name: "headers" } } } header when owner.Name == param:
                return ExpressionConverter.PropertyName(header.Property) is { } h ? "header." + h : null;
            case CallExpression { Callee: MemberExpression { Object: Identifier owner, Property: Identifier { Name: "json" } }, Arguments: var args } when owner.Name == param:
                return args switch { [] => "json", [StringLiteral path] => "json." + path.Value, _ => null };
            case CallExpression { Callee: MemberExpression { Object: Identifier { Name: "JSON" }, Property: Identifier { Name: "parse" } }, Arguments: [MemberExpression { Object: Identifier owner, Property: Identifier { Name: "body" } }] } when owner.Name == param:
                return "json";
            case MemberExpression member:
                return JsonPath(member, param, null);
            default:
                return null;
        }
    }

    /// <summary><c>JSON.parse(r.body).items[0].id</c> or <c>r.json().items[0].id</c> as <c>json.items[0].id</c>.</summary>
    private static string? JsonPath(Expression expression, string param, string? root)
    {
        var parts = new List<string>();
        while (expression is MemberExpression member)
        {
            switch (member)
            {
                case { Computed: false, Property: Identifier p }:
                    parts.Insert(0, "." + p.Name);
                    break;
                case { Computed: true, Property: NumericLiteral n }:
                    parts.Insert(0, $"[{n.Value.ToString(CultureInfo.InvariantCulture)}]");
                    break;
                case { Computed: true, Property: StringLiteral s }:
                    parts.Insert(0, "." + s.Value);
                    break;
                default:
                    return null;
            }

            expression = member.Object;
        }

        var start = root is not null && expression is Identifier id && id.Name == param ? root : root is null ? Selector(expression, param, message: false) : null;
        return start == "json" && parts.Count > 0 ? start + string.Concat(parts) : null;
    }
}
