using System.Globalization;
using Acornima;
using Acornima.Ast;

namespace Stampede.K6.Conversion;

/// <summary>
/// Turns a scenario function's statements into a plan's steps: requests, checks, groups, sleeps, custom metric
/// adds, captures, WebSocket sessions and log lines. Whatever else it meets becomes a note at that place.
/// </summary>
internal sealed class FlowConverter(List<ConversionNote> notes)
{
    private static readonly Dictionary<string, string> Methods = new()
    {
        ["get"] = "get", ["post"] = "post", ["put"] = "put", ["patch"] = "patch", ["del"] = "delete", ["head"] = "head", ["options"] = "options",
    };

    private YamlMap? _lastRequest;

    public YamlList Steps(Node function, ScriptScope outer)
    {
        var steps = new YamlList();
        var scope = outer.Inner();
        switch (function)
        {
            case IFunction { Body: FunctionBody body }:
                Statements(body.Body, scope, steps);
                break;
            case IFunction { Body: Expression expression }:
                Statement(new NonSpecialExpressionStatement(expression), scope, steps);
                break;
        }

        return steps;
    }

    private void Statements(IEnumerable<Statement> statements, ScriptScope scope, YamlList steps)
    {
        foreach (var statement in statements)
        {
            Statement(statement, scope, steps);
        }
    }

    private void Note(ScriptScope scope, YamlList steps, Node at, string why)
    {
        var note = scope.File.Note(at, why);
        notes.Add(note);
        steps.Items.Add(new YamlComment(note.Comment));
    }

    private void Statement(Statement statement, ScriptScope scope, YamlList steps)
    {
        switch (statement)
        {
            case EmptyStatement:
                return;
            case VariableDeclaration declaration:
                foreach (var declarator in declaration.Declarations)
                {
                    if (declarator is not { Id: Identifier id, Init: { } init })
                    {
                        Note(scope, steps, declarator, "only `const name = value` declarations convert");
                        continue;
                    }

                    Declare(id.Name, init, scope, steps);
                }

                return;
            case ExpressionStatement { Expression: CallExpression call }:
                Call(call, scope, steps);
                return;
            case IfStatement { Alternate: null } conditional when MetricAddsUnder(conditional, scope, steps):
                return;
            case BlockStatement block:
                Statements(block.Body, scope.Inner(), steps);
                return;
            default:
                Note(scope, steps, statement, "a statement a plan has no step for");
                return;
        }
    }

    private void Declare(string name, Expression init, ScriptScope scope, YamlList steps)
    {
        switch (init)
        {
            case CallExpression call when Callee(call, scope) is "http" or "check" or "ws.connect":
                scope.Bind(name, Call(call, scope, steps) ?? new UnknownValue(call, "its step was not converted"));
                return;
            case var capture when CaptureOf(capture, scope) is ({ } step, { } path):
                if (step.GetOrAddMap("capture").Has(name))
                {
                    Note(scope, steps, init, $"'{name}' is captured twice from one step");
                    return;
                }

                step.GetOrAddMap("capture").Add(name, new YamlText(path));
                scope.Bind(name, new TextValue($"{{{{ {name} }}}}"));
                return;
            default:
                scope.BindLater(name, init);
                return;
        }
    }

    /// <summary><c>res.json('id')</c>, <c>res.json().id</c>, <c>JSON.parse(res.body).id</c>: the response's step and the capture's path.</summary>
    private static (YamlMap? Step, string? Path) CaptureOf(Expression expression, ScriptScope scope)
    {
        var parts = new List<string>();
        while (expression is MemberExpression { Computed: false, Property: Identifier p } member)
        {
            parts.Insert(0, "." + p.Name);
            expression = member.Object;
        }

        var (owner, root) = expression switch
        {
            CallExpression { Callee: MemberExpression { Object: Identifier r, Property: Identifier { Name: "json" } }, Arguments: [] } => (r, "json"),
            CallExpression { Callee: MemberExpression { Object: Identifier r, Property: Identifier { Name: "json" } }, Arguments: [StringLiteral path] } => (r, "json." + path.Value),
            CallExpression { Callee: MemberExpression { Object: Identifier { Name: "JSON" }, Property: Identifier { Name: "parse" } }, Arguments: [MemberExpression { Object: Identifier r, Property: Identifier { Name: "body" } }] } => (r, "json"),
            _ => ((Identifier?)null, (string?)null),
        };
        if (owner is null || (root == "json" && parts.Count == 0))
        {
            return (null, null);
        }

        return scope.Lookup(owner.Name, ExpressionConverter.Value) is ResponseValue { IsWebSocket: false } response
            ? (response.Step, root + string.Concat(parts))
            : (null, null);
    }

    private static string? Callee(CallExpression call, ScriptScope scope) => call.Callee switch
    {
        Identifier id => scope.Lookup(id.Name, ExpressionConverter.Value) is ModuleValue m ? m.Name : null,
        MemberExpression { Object: Identifier owner, Property: Identifier method, Computed: false } =>
            scope.Lookup(owner.Name, ExpressionConverter.Value) switch
            {
                ModuleValue { Name: "http" } => "http",
                ModuleValue { Name: "ws" } when method.Name == "connect" => "ws.connect",
                MetricValue when method.Name == "add" => "metric.add",
                _ when owner.Name == "console" => "console",
                _ => null,
            },
        _ => null,
    };

    private ScriptValue? Call(CallExpression call, ScriptScope scope, YamlList steps)
    {
        switch (Callee(call, scope))
        {
            case "http":
                return Request(call, scope, steps);
            case "check":
                return Check(call, scope, steps);
            case "sleep" when call.Arguments is [Expression seconds] && ExpressionConverter.Value(seconds, scope) is NumberValue n && n.Value >= 0:
                steps.Items.Add(new YamlMap().Add("think", new YamlText(Seconds(n.Value))));
                return null;
            case "group" when call.Arguments is [Expression name, Expression body] && ExpressionConverter.Text(ExpressionConverter.Value(name, scope)) is { } groupName
                                && body is ArrowFunctionExpression or FunctionExpression:
                var inner = Steps(body, scope);
                if (inner.Items.All(i => i is YamlComment))
                {
                    inner.Items.Insert(0, new YamlMap().Add("think", new YamlText("0s")));
                }

                steps.Items.Add(new YamlMap().Add("group", new YamlText(groupName)).Add("steps", inner));
                return null;
            case "metric.add":
                MetricAdd(call, scope, steps, condition: null);
                return null;
            case "ws.connect":
                return new WebSocketConverter(notes).Session(call, scope, steps);
            case "console" when call.Callee is MemberExpression { Property: Identifier level } && level.Name is "log" or "info" or "warn" or "error"
                                && call.Arguments.Select(a => a is Expression e ? ExpressionConverter.Text(ExpressionConverter.Value(e, scope)) : null).ToList() is var parts
                                && parts.All(p => p is not null):
                var log = new YamlMap().Add("log", new YamlText(string.Join(' ', parts)));
                if (level.Name is "warn" or "error")
                {
                    log.Add("level", new YamlText(level.Name));
                }

                steps.Items.Add(log);
                return null;
            default:
                Note(scope, steps, call, "a call a plan has no step for");
                return null;
        }
    }

    internal static string Seconds(double seconds) =>
        seconds < 1 && seconds > 0 ? $"{(seconds * 1000).ToString("0.###", CultureInfo.InvariantCulture)}ms" : $"{seconds.ToString("0.###", CultureInfo.InvariantCulture)}s";

    private ScriptValue? Request(CallExpression call, ScriptScope scope, YamlList steps)
    {
        var method = ((call.Callee as MemberExpression)?.Property as Identifier)?.Name ?? "";
        var args = call.Arguments.OfType<Expression>().ToList();
        string key;
        YamlMap step;
        int bodyAt, paramsAt;
        if (method == "request" && args.Count >= 2 && ExpressionConverter.Text(ExpressionConverter.Value(args[0], scope)) is { } verb)
        {
            key = "request";
            (bodyAt, paramsAt) = (2, 3);
            args.RemoveAt(0);
            (bodyAt, paramsAt) = (1, 2);
            step = new YamlMap();
            if (Url(args[0], scope, steps) is not { } requestUrl)
            {
                return null;
            }

            step.Add("request", new YamlText(requestUrl)).Add("method", new YamlText(verb.ToUpperInvariant()));
        }
        else if (Methods.TryGetValue(method, out var yamlMethod) && args.Count >= 1)
        {
            key = yamlMethod;
            (bodyAt, paramsAt) = method is "get" or "head" or "options" && method != "options" ? (-1, 1) : (1, 2);
            if (method == "options")
            {
                (bodyAt, paramsAt) = (1, 2);
            }

            if (Url(args[0], scope, steps) is not { } url)
            {
                return null;
            }

            step = new YamlMap().Add(key, new YamlText(url));
        }
        else
        {
            Note(scope, steps, call, "an http function a plan has no step for (batch, asyncRequest, …)");
            return null;
        }

        if (bodyAt >= 0 && args.Count > bodyAt && ExpressionConverter.Value(args[bodyAt], scope) is var body and not NullValue)
        {
            switch (body)
            {
                case JsonValue json when ExpressionConverter.Yaml(json.Inner, out _) is { } converted:
                    step.Add("json", converted);
                    break;
                case ObjectValue form when ExpressionConverter.Yaml(form, out _) is YamlMap fields:
                    step.Add("form", fields);
                    break;
                case TextValue text:
                    step.Add("body", new YamlText(text.Template));
                    break;
                default:
                    Note(scope, steps, args[bodyAt], "a body a plan cannot write");
                    return null;
            }
        }

        if (args.Count > paramsAt && !Params(args[paramsAt], step, scope, steps))
        {
            return null;
        }

        steps.Items.Add(step);
        _lastRequest = step;
        return new ResponseValue(step, IsWebSocket: false);
    }

    private string? Url(Expression expression, ScriptScope scope, YamlList steps)
    {
        var value = ExpressionConverter.Value(expression, scope);
        if (ExpressionConverter.Text(value) is { Length: > 0 } url)
        {
            return url;
        }

        Note(scope, steps, value is UnknownValue u ? u.At : expression, value is UnknownValue why ? why.Why : "a URL a plan cannot write");
        return null;
    }

    private bool Params(Expression expression, YamlMap step, ScriptScope scope, YamlList steps)
    {
        if (ExpressionConverter.Value(expression, scope) is not ObjectValue parameters)
        {
            Note(scope, steps, expression, "request parameters a plan cannot read");
            return false;
        }

        foreach (var (key, value) in parameters.Properties)
        {
            switch (key)
            {
                case "headers" when ExpressionConverter.Yaml(value, out _) is YamlMap { Entries.Count: > 0 } headers:
                    step.Add("headers", headers);
                    break;
                case "headers" when ExpressionConverter.Yaml(value, out _) is YamlMap:
                    break;
                case "tags" when ExpressionConverter.Yaml(value, out _) is YamlMap tags:
                    if (tags.Get("name") is { } name)
                    {
                        step.Add("name", name);
                    }

                    var rest = new YamlMap([.. tags.Entries.Where(e => e.Key != "name")]);
                    if (rest.Entries.Count > 0)
                    {
                        step.Add("tags", rest);
                    }

                    break;
                case "timeout" when value is TextValue or NumberValue:
                    step.Add("timeout", new YamlText(value is NumberValue ms ? Seconds(ms.Value / 1000) : ((TextValue)value).Template));
                    break;
                case "responseType":
                    break;
                default:
                    Note(scope, steps, expression, $"the request parameter '{key}' has no YAML equivalent here");
                    break;
            }
        }

        return true;
    }

    private ScriptValue? Check(CallExpression call, ScriptScope scope, YamlList steps)
    {
        if (call.Arguments is not [Expression subject, ObjectExpression checks, ..])
        {
            Note(scope, steps, call, "a check without a response and an object of check functions");
            return null;
        }

        var target = ExpressionConverter.Value(subject, scope);
        if (target is not ResponseValue response)
        {
            Note(scope, steps, call, "checks convert on a response of a request or a WebSocket session");
            return null;
        }

        AddChecks(response.Step.GetOrAddMap("check"), checks, scope, steps, message: false, notes);
        if (call.Arguments.Count > 2)
        {
            Note(scope, steps, call.Arguments[2], "tags of a check call are not converted; put tags: on the request");
        }

        return new CheckResultValue(response.Step);
    }

    internal static void AddChecks(YamlMap into, ObjectExpression checks, ScriptScope scope, YamlList steps, bool message, List<ConversionNote> notes)
    {
        foreach (var node in checks.Properties)
        {
            if (node is not Property { Value: Node function } property || ExpressionConverter.PropertyName(property.Key) is not { } name)
            {
                continue;
            }

            var converted = CheckConverter.Convert(function, name, message, out var why);
            if (converted is ({ } selector, var expectation) && !into.Has(selector))
            {
                into.Add(selector, expectation);
                continue;
            }

            var note = scope.File.Note(property, converted is null ? why : $"a second check on '{converted.Value.Selector}' in one step");
            notes.Add(note);
            steps.Items.Add(new YamlComment(note.Comment));
        }
    }

    /// <summary><c>if (ok) { counter.add(1); }</c>: the add counts only when the step's checks passed.</summary>
    private bool MetricAddsUnder(IfStatement conditional, ScriptScope scope, YamlList steps)
    {
        if (conditional.Test is not Identifier test || scope.Lookup(test.Name, ExpressionConverter.Value) is not CheckResultValue checks)
        {
            return false;
        }

        var body = conditional.Consequent is BlockStatement block ? block.Body.ToList() : [conditional.Consequent];
        if (!body.All(s => s is ExpressionStatement { Expression: CallExpression { Arguments: [NumericLiteral { Value: 1 }] } c } && Callee(c, scope) == "metric.add"))
        {
            return false;
        }

        foreach (var statement in body)
        {
            MetricAdd((CallExpression)((ExpressionStatement)statement).Expression, scope, steps, checks);
        }

        return true;
    }

    private void MetricAdd(CallExpression call, ScriptScope scope, YamlList steps, CheckResultValue? condition)
    {
        var metric = (MetricValue)scope.Lookup(((Identifier)((MemberExpression)call.Callee).Object).Name, ExpressionConverter.Value)!;
        var (step, value) = MetricValueOf(call, metric, scope, condition);
        if (step is null || value is null)
        {
            Note(scope, steps, call, step is null && value is not null
                ? "a metric is added to by a request step's metric:, and no request comes before this"
                : "a value a request step's metric: cannot read (a number, a check's result, res.timings.duration, res.status)");
            return;
        }

        if (Stampede.Metrics.BuiltinMetrics.All.Any(m => m.Name == metric.Name))
        {
            Note(scope, steps, call, $"'{metric.Name}' is a built-in metric of plans, recorded by its steps");
            return;
        }

        var adds = step.GetOrAddMap("metric");
        if (adds.Has(metric.Name))
        {
            Note(scope, steps, call, $"'{metric.Name}' is already added to by this step");
            return;
        }

        adds.Add(metric.Name, value);
    }

    private (YamlMap? Step, YamlValue? Value) MetricValueOf(CallExpression call, MetricValue metric, ScriptScope scope, CheckResultValue? condition)
    {
        if (condition is not null)
        {
            return (condition.Step, new YamlText("{{ checks.ok }}"));
        }

        if (call.Arguments is not [Expression argument])
        {
            return (_lastRequest, null);
        }

        var negated = argument is UnaryExpression { Operator: Operator.LogicalNot };
        var inner = argument is UnaryExpression { Operator: Operator.LogicalNot } not ? not.Argument : argument;
        switch (inner)
        {
            case NumericLiteral n when !negated:
                return (_lastRequest, new YamlNumber(n.Value));
            case BooleanLiteral b:
                return (_lastRequest, new YamlBool(b.Value != negated));
            case MemberExpression { Object: MemberExpression { Object: Identifier r, Property: Identifier { Name: "timings" } }, Property: Identifier { Name: "duration" } } when !negated
                && scope.Lookup(r.Name, ExpressionConverter.Value) is ResponseValue { IsWebSocket: false } timed:
                return (timed.Step, new YamlText("duration"));
            case MemberExpression { Object: Identifier r, Property: Identifier { Name: "status" } } when !negated
                && scope.Lookup(r.Name, ExpressionConverter.Value) is ResponseValue { IsWebSocket: false } answered:
                return (answered.Step, new YamlText("status"));
            case Identifier id when scope.Lookup(id.Name, ExpressionConverter.Value) is CheckResultValue checks:
                if (negated)
                {
                    return metric.Kind == "rate" ? (checks.Step, new YamlText("{{ checks.ok }} == false")) : (checks.Step, null);
                }

                return (checks.Step, new YamlText("{{ checks.ok }}"));
            default:
                return (_lastRequest, null);
        }
    }
}
