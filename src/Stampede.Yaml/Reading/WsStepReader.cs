using Stampede.Data.Templates;
using Stampede.Yaml.Flows;
using YamlDotNet.RepresentationModel;

namespace Stampede.Yaml.Reading;

/// <summary>Reads a <c>ws:</c> step: the session's URL and headers and its actions (send, receive, listen, ping, think, close).</summary>
internal sealed class WsStepReader(PlanReader reader, TemplateReader templates, FlowReader flows, StreamStepParts parts)
{
    private static readonly TimeSpan DefaultReceiveTimeout = TimeSpan.FromSeconds(30);

    public WsStep? Read(YamlNode target, Dictionary<string, YamlNode> get, string path)
    {
        var url = parts.Url(target, PlanReader.Join(path, "ws"), "/api/chat");
        var name = parts.Name(get, path, url);
        var actions = get.TryGetValue("actions", out var a) ? Actions(a, path + ".actions") : [];
        var assertions = parts.Assertions(get, path, StreamValues.Ws, $"WS {name ?? url?.ToString()}");
        var readsStatus = assertions.Checks.Any(c => c.Value.Name == "status") || assertions.Captures.Any(c => c.Value.Name == "status");
        var step = new WsStep(url!, parts.Headers(get, path), name, parts.Time(get, path, "timeout"), actions, assertions, parts.Abort(get, path), readsStatus);
        return url is null ? null : step;
    }

    private List<WsAction> Actions(YamlNode node, string path)
    {
        var actions = new List<WsAction>();
        var items = reader.Sequence(node, path, "a list of actions (send, receive, listen, ping, think, close)");
        YamlNode? closed = null;
        for (var i = 0; i < items.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (closed is not null)
            {
                reader.Error(at, "nothing can follow close: the session is closed", items[i]);
                break;
            }

            var action = Action(items[i], at);
            if (action is WsClose)
            {
                closed = items[i];
            }

            // A receive right after a send is its reply: joined, the reply's first message is timed from the send.
            if (action is WsReceive receive && actions.Count > 0 && actions[^1] is WsSend send)
            {
                actions[^1] = new WsExchange(send, receive);
            }
            else if (action is not null)
            {
                actions.Add(action);
            }
        }

        return actions;
    }

    private WsAction? Action(YamlNode node, string path)
    {
        YamlNode? value = null;
        string? kind;
        if (node is YamlScalarNode scalar)
        {
            kind = scalar.Value;
        }
        else
        {
            var all = reader.Mapping(node, path, [.. PlanKeys.WsActions, "every"], "an action (send, receive, listen, ping, think, close)");
            var entries = all.Where(e => e.Key != "every").ToList();
            if (all.FirstOrDefault(e => e.Key == "every") is { KeyNode: not null } every)
            {
                if (entries is not [("send", _, var message)])
                {
                    reader.Error(PlanReader.Join(path, "every"), "every: repeats a send; write it beside send: { send: MESSAGE, every: 5s }", every.KeyNode);
                    return null;
                }

                var interval = reader.Duration(every.Value, PlanReader.Join(path, "every"), allowZero: false);
                var repeated = Send(message, PlanReader.Join(path, "send"));
                return interval is null || repeated is null ? null : new WsSendEvery(repeated, interval.Value);
            }

            if (node is YamlMappingNode && entries.Count != 1)
            {
                if (entries.Count > 1)
                {
                    reader.Error(path, $"an action has one kind, found {string.Join(" and ", entries.Select(e => e.Key))}", entries[1].KeyNode);
                }
                else if (((YamlMappingNode)node).Children.Count == 0)
                {
                    reader.Error(path, $"expected one of: {string.Join(", ", PlanKeys.WsActions)}", node);
                }

                return null;
            }

            if (entries.Count == 0)
            {
                return null;
            }

            (kind, _, value) = entries[0];
            path = PlanReader.Join(path, kind);
        }

        switch (kind)
        {
            case "send" when value is not null:
                return Send(value, path);
            case "receive":
                return Receive(value, path);
            case "ping":
                return Ping(value, path);
            case "listen" when value is not null:
                return Listen(value, path);
            case "think" when value is not null:
                return flows.Think(value, path) is { } think ? new WsThink(think) : null;
            case "close" when value is null || reader.IsNull(value):
                return new WsClose();
            case "close":
                reader.Error(path, "close takes no value", value);
                return null;
            default:
                var suggestion = Plans.NameSuggestion.Closest(kind ?? "", PlanKeys.WsActions);
                reader.Error(path, $"expected an action: send, receive, listen, ping, think or close, found {PlanReader.Describe(node)}"
                    + (suggestion is null ? "" : $"; did you mean '{suggestion}'?"), node);
                return null;
        }
    }

    private WsSend? Send(YamlNode node, string path)
    {
        if (node is YamlScalarNode)
        {
            return templates.Parse(node, path, "a message (text, or a mapping sent as JSON)") is { } text ? new WsSend(text, null) : null;
        }

        return flows.Json(node, path) is { } json ? new WsSend(null, json) : null;
    }

    private WsReceive? Receive(YamlNode? node, string path)
    {
        if (node is null || reader.IsNull(node))
        {
            return new WsReceive(null, 1, DefaultReceiveTimeout, null, StreamAssertions.None);
        }

        if (node is YamlScalarNode)
        {
            return reader.Text(node, path, "an end marker") is { Length: > 0 } marker
                ? new WsReceive(new WsMarker(marker), 1, DefaultReceiveTimeout, null, StreamAssertions.None)
                : null;
        }

        var get = reader.Mapping(node, path, PlanKeys.WsReceive, "a receive { until, count, timeout, firstTimeout, belongs, check, capture }").ToDictionary(e => e.Key, e => e.Value);
        var until = get.TryGetValue("until", out var u) ? reader.Text(u, path + ".until", "an end marker") : null;
        var count = get.TryGetValue("count", out var c) ? reader.Int(c, path + ".count", 1, 1_000_000) : 1;
        if (until is not null && get.ContainsKey("count"))
        {
            reader.Error(path + ".count", "a receive ends at until: or after count: messages, not both", c!);
        }

        var timeout = parts.Time(get, path, "timeout") ?? DefaultReceiveTimeout;
        var assertions = parts.Assertions(get, path, StreamValues.Ws, "WS receive");
        var belongs = get.TryGetValue("belongs", out var b) ? Belongs(b, path + ".belongs") : null;
        return count is null ? null : new WsReceive(until is null ? null : new WsMarker(until), count.Value, timeout, parts.Time(get, path, "firstTimeout"), assertions, belongs);
    }

    /// <summary><c>listen: 30s</c> or <c>listen: { duration, until, belongs, check, capture }</c>; checks and captures run on every message.</summary>
    private WsListen? Listen(YamlNode node, string path)
    {
        if (node is YamlScalarNode)
        {
            return reader.Duration(node, path, allowZero: false) is { } d ? new WsListen(d, null, null, StreamAssertions.None) : null;
        }

        var get = reader.Mapping(node, path, PlanKeys.WsListen, "a listen { duration, until, belongs, check, capture }").ToDictionary(e => e.Key, e => e.Value);
        if (!get.ContainsKey("duration"))
        {
            reader.Missing(path, "duration", "a listen needs its duration: listen: { duration: 30s }", node);
            return null;
        }

        var duration = parts.Time(get, path, "duration");
        var until = get.TryGetValue("until", out var u) ? reader.Text(u, path + ".until", "an end marker") : null;
        var belongs = get.TryGetValue("belongs", out var b) ? Belongs(b, path + ".belongs") : null;
        var perMessage = parts.Assertions(get, path, StreamValues.WsMessage, "WS message");
        return duration is null ? null : new WsListen(duration.Value, until is null ? null : new WsMarker(until), belongs, perMessage);
    }

    /// <summary><c>belongs: { "json.type": [token, end] }</c>: every condition must hold for a message to count.</summary>
    private WsReplyFilter? Belongs(YamlNode node, string path)
    {
        var conditions = new List<(StreamValue, ValueMatcher)>();
        var entries = reader.Mapping(node, path, null, "conditions a message of the reply meets { \"json.type\": token }");
        foreach (var (key, keyNode, value) in entries)
        {
            var at = PlanReader.Join(path, key);
            var selector = StreamValue.Parse(key, StreamValues.WsMessage, forCheck: false, out var error);
            if (selector is null)
            {
                reader.Error(at, error!, keyNode);
                continue;
            }

            if (flows.Matcher(value, at, isDuration: false) is { } matcher)
            {
                conditions.Add((selector, matcher));
            }
        }

        if (node is YamlMappingNode { Children.Count: 0 })
        {
            reader.Error(path, "expected at least one condition, such as \"json.type\": token", node);
        }

        return conditions.Count == 0 ? null : new WsReplyFilter(conditions);
    }

    private WsPingAction? Ping(YamlNode? node, string path)
    {
        var send = Template.Parse("{\"type\":\"ping\"}", [], path);
        if (node is null || reader.IsNull(node))
        {
            return new WsPingAction(send, new WsMarker("pong"), TimeSpan.FromSeconds(10));
        }

        var get = reader.Mapping(node, path, PlanKeys.WsPing, "a ping { send, until, timeout }").ToDictionary(e => e.Key, e => e.Value);
        var text = get.TryGetValue("send", out var s) ? templates.Parse(s, path + ".send") : send;
        var until = get.TryGetValue("until", out var u) ? reader.Text(u, path + ".until", "an end marker") : "pong";
        var timeout = parts.Time(get, path, "timeout") ?? TimeSpan.FromSeconds(10);
        return text is null || until is null ? null : new WsPingAction(text, new WsMarker(until), timeout);
    }
}
