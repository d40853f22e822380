using Stampede.Metrics;

namespace Stampede.Yaml.Flows;

/// <summary>One check of a request step: a response value, what it must be, the check's name and its own tags.</summary>
internal sealed record CheckSpec(string Name, ResponseValue Value, ValueMatcher Matcher)
{
    /// <summary>Tags on this check's samples besides the VU's and the step's (<c>checks{type:hz}</c>); null without.</summary>
    public TagSet? Tags { get; init; }
}
