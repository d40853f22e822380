namespace Stampede.DemoTarget.OpenAi;

/// <summary>A model's price in US dollars per million prompt and completion tokens.</summary>
internal sealed record ModelPrice(string Model, decimal InputPerMillionUsd, decimal OutputPerMillionUsd);
