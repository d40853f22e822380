namespace Stampede.DemoTarget.OpenAi;

/// <summary>
/// What each model costs, in US dollars per million tokens. Unknown models are priced as <c>demo-chat</c>,
/// so plans written for another provider's model names run unchanged.
/// </summary>
internal static class PriceTable
{
    public const string DefaultChatModel = "demo-chat";
    public const string DefaultEmbeddingModel = "demo-embed";

    public static readonly ModelPrice[] Models =
    [
        new(DefaultChatModel, 0.50m, 1.50m),
        new("demo-mini", 0.15m, 0.60m),
        new("demo-large", 2.50m, 10.00m),
        new(DefaultEmbeddingModel, 0.02m, 0m),
    ];

    public static ModelPrice For(string? model) =>
        Array.Find(Models, m => string.Equals(m.Model, model, StringComparison.Ordinal)) ?? Models[0];

    public static decimal Cost(ModelPrice price, int promptTokens, int completionTokens) =>
        (promptTokens * price.InputPerMillionUsd + completionTokens * price.OutputPerMillionUsd) / 1_000_000m;
}
