namespace Stampede.Protocols.Llm;

/// <summary>A model's price in US dollars per million input (prompt) and output (completion) tokens.</summary>
public sealed record LlmPrice(string Model, decimal InputPerMillionUsd, decimal OutputPerMillionUsd)
{
    /// <summary>The cost of one request.</summary>
    public decimal Cost(long inputTokens, long outputTokens) =>
        ((inputTokens * InputPerMillionUsd) + (outputTokens * OutputPerMillionUsd)) / 1_000_000m;
}
