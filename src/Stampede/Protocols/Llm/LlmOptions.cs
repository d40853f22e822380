using Stampede.Protocols.Http;

namespace Stampede.Protocols.Llm;

/// <summary>
/// How to talk to one chat endpoint and what to measure against. Plain data (a plan loader can build it);
/// <see cref="Validate"/> lists every problem at once. Share one instance across VUs.
/// </summary>
public sealed record LlmOptions
{
    /// <summary>The endpoint; default <c>/v1/chat/completions</c> (relative to the plan's base URL).</summary>
    public string Url { get; init; } = "/v1/chat/completions";

    /// <summary>Sent as <c>Authorization: Bearer …</c>; default none.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The model asked for and priced; default <c>demo-chat</c>.</summary>
    public string Model { get; init; } = "demo-chat";

    /// <summary>SSE (default) or WebSocket.</summary>
    public LlmTransport Transport { get; init; } = LlmTransport.Sse;

    /// <summary>Where text, usage, end and errors live; default <see cref="LlmStreamFormat.OpenAi"/>.</summary>
    public LlmStreamFormat Format { get; init; } = LlmStreamFormat.OpenAi;

    /// <summary>
    /// Builds the request body (JSON text) from the conversation; default: an OpenAI chat request with
    /// <c>stream: true</c> and <c>stream_options.include_usage</c> (SSE) or <c>{"message": last user message}</c> (WebSocket).
    /// </summary>
    public Func<IReadOnlyList<LlmMessage>, LlmOptions, string>? Body { get; init; }

    /// <summary><c>max_tokens</c> in the default OpenAI body; default none.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Extra request headers; default none.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Headers { get; init; }

    /// <summary>The <c>name</c> tag; default: <see cref="Url"/>.</summary>
    public string? Name { get; init; }

    /// <summary>The <c>tenant</c> tag, for cost totals per tenant; default none.</summary>
    public string? Tenant { get; init; }

    /// <summary>Prices per model; a model not listed costs nothing. Default: the demo target's table.</summary>
    public IReadOnlyList<LlmPrice> Prices { get; init; } = DemoPrices;

    /// <summary>SLOs for <c>llm_goodput</c>; default none (every successful request is good).</summary>
    public LlmSlo? Slo { get; init; }

    /// <summary>Stop the run cleanly once the run's total LLM spend passes this many dollars; default no limit.</summary>
    public decimal? CostLimitUsd { get; init; }

    /// <summary>
    /// Counts tokens offline when the stream reports no usage (output and input), and splits chunks that carry
    /// several tokens for <c>llm_itl</c>; default <see cref="LlmTokenizer.Auto"/> (by <see cref="Model"/>).
    /// </summary>
    public LlmTokenizer Tokenizer { get; init; } = LlmTokenizer.Auto;

    /// <summary>Count the role-only first chunk and empty deltas as the first token; default false.</summary>
    public bool CountEmptyChunks { get; init; }

    /// <summary>Treat <c>finish_reason: length</c> as success; default false (it is an error, kept out of latencies).</summary>
    public bool AllowLength { get; init; }

    /// <summary>Longest wait for the response headers; default 60 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest wait from the request to the first token; default 60 s.</summary>
    public TimeSpan FirstTokenTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest silence between chunks after the first token; default 30 s.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The demo target's prices.</summary>
    public static IReadOnlyList<LlmPrice> DemoPrices { get; } =
    [
        new("demo-chat", 0.50m, 1.50m),
        new("demo-mini", 0.15m, 0.60m),
        new("demo-large", 2.50m, 10.00m),
    ];

    /// <summary>Every problem with these settings; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Url))
        {
            errors.Add("url: required");
        }

        if (MaxTokens is <= 0)
        {
            errors.Add("maxTokens: must be positive");
        }

        if (CostLimitUsd is <= 0)
        {
            errors.Add("costLimit: must be positive");
        }

        foreach (var (name, value) in new[] { ("connectTimeout", ConnectTimeout), ("firstTokenTimeout", FirstTokenTimeout), ("idleTimeout", IdleTimeout) })
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"{name}: must be positive");
            }
        }

        foreach (var price in Prices)
        {
            if (price.InputPerMillionUsd < 0 || price.OutputPerMillionUsd < 0)
            {
                errors.Add($"prices.{price.Model}: must not be negative");
            }
        }

        return errors;
    }

    internal LlmPrice? PriceOf(string model)
    {
        foreach (var price in Prices)
        {
            if (string.Equals(price.Model, model, StringComparison.Ordinal))
            {
                return price;
            }
        }

        return null;
    }

    internal HttpBody BuildBody(IReadOnlyList<LlmMessage> messages)
    {
        if (Body is { } custom)
        {
            return HttpBody.Json(custom(messages, this));
        }

        return HttpBody.Json(new OpenAiChatRequest(Model, [.. messages.Select(m => new OpenAiMessage(m.Role, m.Content))], true,
            new OpenAiStreamOptions(true), MaxTokens), LlmJsonContext.Default.OpenAiChatRequest);
    }

    internal string BuildWebSocketMessage(IReadOnlyList<LlmMessage> messages) =>
        Body is { } custom ? custom(messages, this)
            : LlmRequestJson.LastUserMessage(messages);

    internal sealed record OpenAiMessage(string Role, string Content);

    internal sealed record OpenAiStreamOptions([property: System.Text.Json.Serialization.JsonPropertyName("include_usage")] bool IncludeUsage);

    internal sealed record OpenAiChatRequest(
        string Model,
        OpenAiMessage[] Messages,
        bool Stream,
        [property: System.Text.Json.Serialization.JsonPropertyName("stream_options")] OpenAiStreamOptions StreamOptions,
        [property: System.Text.Json.Serialization.JsonPropertyName("max_tokens"),
                   System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] int? MaxTokens);
}
