using Acornima.Ast;

namespace Stampede.K6.Conversion;

/// <summary>
/// Turns <c>ws.connect(url, params, socket =&gt; …)</c> into a <c>ws:</c> step: sends on open become <c>send</c>
/// actions (<c>setInterval</c> ones <c>every</c>), a <c>setTimeout</c> that closes becomes a <c>listen</c> of that
/// length with the message handler's checks, a handler that closes becomes a <c>receive</c>.
/// </summary>
internal sealed class WebSocketConverter(List<ConversionNote> notes)
{
    public ScriptValue? Session(CallExpression call, ScriptScope scope, YamlList steps)
    {
        var args = call.Arguments.OfType<Expression>().ToList();
        var url = args.Count > 0 ? ExpressionConverter.Text(ExpressionConverter.Value(args[0], scope)) : null;
        var handler = args.Count > 0 ? args[^1] as IFunction : null;
        if (url is null || handler is not { Params: [Identifier socket], Body: FunctionBody body })
        {
            Note(scope, steps, call, "a WebSocket session without a URL the plan can write and a handler function");
            return null;
        }

        var step = new YamlMap().Add("ws", new YamlText(url));
        if (args.Count == 3 && ExpressionConverter.Value(args[1], scope) is ObjectValue parameters)
        {
            foreach (var (key, value) in parameters.Properties)
            {
                if (key == "headers" && ExpressionConverter.Yaml(value, out _) is YamlMap headers)
                {
                    step.Add("headers", headers);
                }
                else
                {
                    Note(scope, steps, args[1], $"the WebSocket parameter '{key}' has no YAML equivalent");
                }
            }
        }

        var opening = new List<YamlValue>();
        var messageChecks = new YamlMap();
        string? listenFor = null;
        var closesOnMessage = false;
        var inner = scope.Inner();
        foreach (var statement in body.Body)
        {
            if (statement is not ExpressionStatement { Expression: CallExpression { Callee: MemberExpression { Object: Identifier on, Property: Identifier method } } handlerCall } || on.Name != socket.Name)
            {
                Note(inner, steps, statement, "a statement in a WebSocket handler a plan has no action for");
                continue;
            }

            var handlerArgs = handlerCall.Arguments.OfType<Expression>().ToList();
            switch (method.Name, handlerArgs)
            {
                case ("on", [StringLiteral { Value: "open" }, IFunction open]):
                    foreach (var sent in FunctionStatements(open))
                    {
                        Opening(sent, socket.Name, inner, steps, opening);
                    }

                    break;
                case ("on", [StringLiteral { Value: "message" }, IFunction { Params: [Identifier message] } onMessage]):
                    var handlerScope = inner.Inner();
                    handlerScope.Bind(message.Name, new MessageValue(Json: false));
                    foreach (var statement2 in FunctionStatements(onMessage))
                    {
                        switch (statement2)
                        {
                            case VariableDeclaration { Declarations: [{ Id: Identifier data, Init: CallExpression { Callee: MemberExpression { Object: Identifier { Name: "JSON" }, Property: Identifier { Name: "parse" } }, Arguments: [Identifier parsed] } }] } when parsed.Name == message.Name:
                                handlerScope.Bind(data.Name, new MessageValue(Json: true));
                                break;
                            case ExpressionStatement { Expression: CallExpression { Callee: Identifier checkName, Arguments: [Expression subject, ObjectExpression checks] } }
                                when handlerScope.Lookup(checkName.Name, ExpressionConverter.Value) is ModuleValue { Name: "check" }
                                     && handlerScope.Lookup((subject as Identifier)?.Name ?? "", ExpressionConverter.Value) is MessageValue { Json: true }:
                                FlowConverter.AddChecks(messageChecks, checks, handlerScope, steps, message: true, notes);
                                break;
                            case ExpressionStatement { Expression: CallExpression { Callee: MemberExpression { Object: Identifier closer, Property: Identifier { Name: "close" } } } } when closer.Name == socket.Name:
                                closesOnMessage = true;
                                break;
                            default:
                                Note(handlerScope, steps, statement2, "a statement in a message handler a plan has no action for (a ws: step counts messages itself: ws_msgs_received)");
                                break;
                        }
                    }

                    break;
                case ("setTimeout", [IFunction timeout, NumericLiteral ms]) when FunctionStatements(timeout) is [ExpressionStatement { Expression: CallExpression { Callee: MemberExpression { Object: Identifier closer, Property: Identifier { Name: "close" } } } }] && closer.Name == socket.Name:
                    listenFor = FlowConverter.Seconds(ms.Value / 1000);
                    break;
                case ("setInterval", [IFunction every, NumericLiteral ms]) when FunctionStatements(every) is [ExpressionStatement { Expression: CallExpression send }] && Message(send, socket.Name, inner) is { } repeated:
                    opening.Add(new YamlMap().Add("send", repeated).Add("every", new YamlText(FlowConverter.Seconds(ms.Value / 1000))));
                    break;
                default:
                    Note(inner, steps, statement, "a WebSocket handler a plan has no action for");
                    break;
            }
        }

        var actions = new YamlList(opening);
        if (closesOnMessage)
        {
            var receive = new YamlMap().Add("count", new YamlNumber(1));
            if (messageChecks.Entries.Count > 0)
            {
                receive.Add("check", messageChecks);
            }

            actions.Items.Add(new YamlMap().Add("receive", receive));
        }
        else if (listenFor is not null)
        {
            var listen = new YamlMap().Add("duration", new YamlText(listenFor));
            if (messageChecks.Entries.Count > 0)
            {
                listen.Add("check", messageChecks);
            }

            actions.Items.Add(new YamlMap().Add("listen", listen));
        }
        else if (messageChecks.Entries.Count > 0)
        {
            Note(scope, steps, call, "message checks without a setTimeout that closes the session: add a listen: of the length you want");
        }

        actions.Items.Add(new YamlText("close"));
        step.Add("actions", actions);
        steps.Items.Add(step);
        return new ResponseValue(step, IsWebSocket: true);
    }

    private void Opening(Statement statement, string socket, ScriptScope scope, YamlList steps, List<YamlValue> opening)
    {
        if (statement is ExpressionStatement { Expression: CallExpression call } && Message(call, socket, scope) is { } message)
        {
            opening.Add(new YamlMap().Add("send", message));
            return;
        }

        Note(scope, steps, statement, "a statement in an open handler a plan has no action for (a ws: step counts messages itself: ws_msgs_sent)");
    }

    private static YamlValue? Message(CallExpression call, string socket, ScriptScope scope)
    {
        if (call is not { Callee: MemberExpression { Object: Identifier owner, Property: Identifier { Name: "send" } }, Arguments: [Expression sent] } || owner.Name != socket)
        {
            return null;
        }

        return ExpressionConverter.Value(sent, scope) switch
        {
            JsonValue { Inner: ObjectValue or ArrayValue } json => ExpressionConverter.Yaml(json.Inner, out _),
            TextValue text => new YamlText(text.Template),
            _ => null,
        };
    }

    private static List<Statement> FunctionStatements(IFunction function) => function.Body switch
    {
        FunctionBody body => [.. body.Body],
        Expression expression => [new NonSpecialExpressionStatement(expression)],
        _ => [],
    };

    private void Note(ScriptScope scope, YamlList steps, Node at, string why)
    {
        var note = scope.File.Note(at, why);
        notes.Add(note);
        steps.Items.Add(new YamlComment(note.Comment));
    }
}
