namespace Stampede.Yaml.Flows;

/// <summary>One capture of a request step: a response value stored under a name (<c>name[]</c> appends to a list).</summary>
internal sealed record CaptureSpec(string Name, bool Append, ResponseValue Value);
