namespace Stampede.Yaml.Flows;

/// <summary>One capture of a streaming step: a value stored under a name (<c>name[]</c> appends to a list).</summary>
internal sealed record StreamCapture(string Name, bool Append, StreamValue Value);
