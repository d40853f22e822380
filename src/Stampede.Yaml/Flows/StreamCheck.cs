namespace Stampede.Yaml.Flows;

/// <summary>One check of a streaming step: a value, what it must be, and the check's name.</summary>
internal sealed record StreamCheck(string Name, StreamValue Value, ValueMatcher Matcher);
