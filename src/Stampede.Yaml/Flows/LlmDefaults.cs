using Stampede.Protocols.Llm;

namespace Stampede.Yaml.Flows;

/// <summary>
/// The plan's top-level <c>llm:</c>: a spend limit for the whole run and a price table, used by every <c>llm:</c> step
/// that does not set its own.
/// </summary>
internal sealed record LlmDefaults(decimal? CostLimitUsd, IReadOnlyList<LlmPrice>? Prices)
{
    public static LlmDefaults None { get; } = new(null, null);
}
