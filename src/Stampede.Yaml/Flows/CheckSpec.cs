namespace Stampede.Yaml.Flows;

/// <summary>One check of a request step: a response value, what it must be, and the check's name.</summary>
internal sealed record CheckSpec(string Name, ResponseValue Value, ValueMatcher Matcher);
