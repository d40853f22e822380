namespace Stampede.Protocols.Llm;

/// <summary>
/// Request bodies for the providers whose streams <see cref="LlmStreamFormat"/> reads besides OpenAI's (which is
/// <see cref="LlmOptions"/>' default), ready for <see cref="LlmOptions.Body"/>.
/// </summary>
public static class LlmRequestBodies
{
    /// <summary>
    /// Anthropic's Messages API: <c>model</c>, <c>max_tokens</c> (<see cref="LlmOptions.MaxTokens"/>, else 1024, which the
    /// API requires), <c>stream</c>, the system turns as <c>system</c> and the others as <c>messages</c>. Pair it with
    /// <see cref="LlmStreamFormat.Anthropic"/> and send the key in <see cref="AnthropicApiKeyHeader"/>.
    /// </summary>
    public static Func<IReadOnlyList<LlmMessage>, LlmOptions, string> Anthropic { get; } = LlmRequestJson.Anthropic;

    /// <summary>The built-in demo target's chat: <c>{"message":"…"}</c> with the last user turn.</summary>
    public static Func<IReadOnlyList<LlmMessage>, LlmOptions, string> DemoChat { get; } = (messages, _) => LlmRequestJson.LastUserMessage(messages);

    /// <summary>The header Anthropic takes its API key in, instead of <c>Authorization: Bearer</c>.</summary>
    public const string AnthropicApiKeyHeader = "x-api-key";
}
