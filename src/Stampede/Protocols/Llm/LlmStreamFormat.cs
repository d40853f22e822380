namespace Stampede.Protocols.Llm;

/// <summary>
/// Where things live in a streamed answer: a small template, so custom chat endpoints are described, not coded.
/// Each event's data is parsed as JSON and the paths are tried on it; an event whose type (SSE <c>event:</c>, or
/// <see cref="TypePath"/> for WebSocket messages) is <see cref="TextEventType"/> (when set) carries text.
/// Presets: <see cref="OpenAi"/>, <see cref="Anthropic"/>, <see cref="DemoChat"/>.
/// </summary>
public sealed record LlmStreamFormat
{
    /// <summary>Where the text of a content chunk is; required.</summary>
    public required JsonPath TextPath { get; init; }

    /// <summary>Where reasoning text is (reasoning models); default none.</summary>
    public JsonPath? ReasoningPath { get; init; }

    /// <summary>Only events of this type carry text; default: any type.</summary>
    public string? TextEventType { get; init; }

    /// <summary>For WebSocket messages: where the event type is; default none.</summary>
    public JsonPath? TypePath { get; init; }

    /// <summary>Data that marks the end (OpenAI's <c>[DONE]</c>); default none.</summary>
    public string? EndData { get; init; }

    /// <summary>An event type that marks the end (<c>message_stop</c>, <c>done</c>, <c>end</c>); default none.</summary>
    public string? EndEventType { get; init; }

    /// <summary>An event type that reports an error (<c>error</c>); default <c>error</c>.</summary>
    public string? ErrorEventType { get; init; } = "error";

    /// <summary>Where an in-stream error object is (<c>error</c>); default <c>error</c>.</summary>
    public JsonPath? ErrorPath { get; init; } = JsonPath.Parse("error");

    /// <summary>Where the prompt token count is; default none.</summary>
    public JsonPath? InputTokensPath { get; init; }

    /// <summary>Where the completion token count is; default none.</summary>
    public JsonPath? OutputTokensPath { get; init; }

    /// <summary>Where the finish reason is; default none.</summary>
    public JsonPath? FinishReasonPath { get; init; }

    /// <summary>OpenAI chat completions: <c>choices[0].delta.content</c>, <c>[DONE]</c>, usage with <c>stream_options.include_usage</c>.</summary>
    public static LlmStreamFormat OpenAi { get; } = new()
    {
        TextPath = JsonPath.Parse("choices[0].delta.content"),
        ReasoningPath = JsonPath.Parse("choices[0].delta.reasoning_content"),
        EndData = "[DONE]",
        InputTokensPath = JsonPath.Parse("usage.prompt_tokens"),
        OutputTokensPath = JsonPath.Parse("usage.completion_tokens"),
        FinishReasonPath = JsonPath.Parse("choices[0].finish_reason"),
    };

    /// <summary>Anthropic Messages: <c>content_block_delta</c> events with <c>delta.text</c>, usage in <c>message_start</c> and <c>message_delta</c>, <c>message_stop</c>.</summary>
    public static LlmStreamFormat Anthropic { get; } = new()
    {
        TextPath = JsonPath.Parse("delta.text"),
        ReasoningPath = JsonPath.Parse("delta.thinking"),
        TextEventType = "content_block_delta",
        EndEventType = "message_stop",
        InputTokensPath = JsonPath.Parse("message.usage.input_tokens"),
        OutputTokensPath = JsonPath.Parse("usage.output_tokens"),
        FinishReasonPath = JsonPath.Parse("delta.stop_reason"),
    };

    /// <summary>
    /// The demo target's own SSE chat (<c>POST /api/chat</c>): <c>token</c> events with <c>token</c>, then <c>done</c>
    /// with the token count.
    /// </summary>
    public static LlmStreamFormat DemoChat { get; } = new()
    {
        TextPath = JsonPath.Parse("token"),
        TextEventType = "token",
        TypePath = JsonPath.Parse("type"),
        EndEventType = "done",
        OutputTokensPath = JsonPath.Parse("tokens"),
        FinishReasonPath = JsonPath.Parse("finishReason"),
    };

    /// <summary>
    /// The demo target's WebSocket chat (<c>GET /api/chat</c>): messages typed by <c>type</c>: <c>token</c> with
    /// <c>token</c>, then <c>end</c> with the token count.
    /// </summary>
    public static LlmStreamFormat DemoChatWebSocket { get; } = DemoChat with { EndEventType = "end" };
}
