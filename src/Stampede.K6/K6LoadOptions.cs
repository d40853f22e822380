namespace Stampede.K6;

/// <summary>What a k6 script is loaded with: the environment (<c>__ENV</c>) and where <c>console.*</c> writes.</summary>
public sealed record K6LoadOptions
{
    /// <summary>The script's <c>__ENV</c>: the process environment and <c>-e KEY=VALUE</c>, as k6 builds it.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>Receives each <c>console.*</c> line with its level (info, debug, warn, error).</summary>
    public Action<string, string> Log { get; init; } = (_, _) => { };
}
