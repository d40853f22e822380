using Acornima.Ast;

namespace Stampede.K6.Conversion;

/// <summary>What a script expression stands for once converted: YAML-ready text (with <c>${ENV}</c> and <c>{{ }}</c>), data, or a thing the flow made.</summary>
internal abstract record ScriptValue;

/// <summary>Text as a YAML plan writes it: literal parts escaped, <c>__ENV</c> as <c>${NAME:-default}</c>, runtime values as <c>{{ }}</c>.</summary>
internal sealed record TextValue(string Template) : ScriptValue;

internal sealed record NumberValue(double Value) : ScriptValue;

internal sealed record BoolValue(bool Value) : ScriptValue;

internal sealed record NullValue : ScriptValue;

internal sealed record ObjectValue(List<KeyValuePair<string, ScriptValue>> Properties) : ScriptValue
{
    public ScriptValue? Get(string name) => Properties.LastOrDefault(p => p.Key == name).Value;
}

internal sealed record ArrayValue(List<ScriptValue> Items) : ScriptValue;

/// <summary><c>JSON.stringify(value)</c>: a body YAML writes as <c>json:</c>, a message as a mapping.</summary>
internal sealed record JsonValue(ScriptValue Inner) : ScriptValue;

/// <summary>What an imported k6 module or one of its functions is bound to (<c>http</c>, <c>check</c>, <c>Counter</c>…).</summary>
internal sealed record ModuleValue(string Name) : ScriptValue;

/// <summary>A custom metric made by <c>new Counter('name')</c>.</summary>
internal sealed record MetricValue(string Name, string Kind) : ScriptValue;

/// <summary>The response of a request (or a WebSocket session) the flow converted into <paramref name="Step"/>.</summary>
internal sealed record ResponseValue(YamlMap Step, bool IsWebSocket) : ScriptValue;

/// <summary>What <c>check(res, …)</c> returned: every check of that step passed (<c>{{ checks.ok }}</c>).</summary>
internal sealed record CheckResultValue(YamlMap Step) : ScriptValue;

/// <summary>A WebSocket message parsed as JSON (<c>JSON.parse(msg)</c>) or as it came (<c>msg</c>).</summary>
internal sealed record MessageValue(bool Json) : ScriptValue;

/// <summary>A function the script declared (an exported scenario function, a handler).</summary>
internal sealed record FunctionValue(Node Function) : ScriptValue;

/// <summary>Something YAML cannot say, with where and why, so the conversion notes it instead of failing silently.</summary>
internal sealed record UnknownValue(Node At, string Why) : ScriptValue;
