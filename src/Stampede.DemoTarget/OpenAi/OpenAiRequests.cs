using System.Text.Json;
using System.Text.Json.Serialization;

namespace Stampede.DemoTarget.OpenAi;

/// <summary>The part of OpenAI's <c>POST /v1/chat/completions</c> body the demo target reads.</summary>
internal sealed class ChatCompletionRequest
{
    [JsonPropertyName("model")]
    public string? Model { get; set; }

    [JsonPropertyName("messages")]
    public List<ChatCompletionMessage>? Messages { get; set; }

    [JsonPropertyName("stream")]
    public bool Stream { get; set; }

    [JsonPropertyName("stream_options")]
    public ChatCompletionStreamOptions? StreamOptions { get; set; }

    [JsonPropertyName("max_tokens")]
    public int? MaxTokens { get; set; }

    [JsonPropertyName("max_completion_tokens")]
    public int? MaxCompletionTokens { get; set; }
}

/// <summary>One message of a chat completion request; <c>content</c> is a string or an array of parts.</summary>
internal sealed class ChatCompletionMessage
{
    [JsonPropertyName("role")]
    public string? Role { get; set; }

    [JsonPropertyName("content")]
    public JsonElement Content { get; set; }
}

/// <summary>OpenAI's <c>stream_options</c>.</summary>
internal sealed class ChatCompletionStreamOptions
{
    [JsonPropertyName("include_usage")]
    public bool IncludeUsage { get; set; }
}

/// <summary>The part of OpenAI's <c>POST /v1/embeddings</c> body the demo target reads.</summary>
internal sealed class EmbeddingRequest
{
    [JsonPropertyName("model")]
    public string? Model { get; set; }

    [JsonPropertyName("input")]
    public JsonElement Input { get; set; }

    [JsonPropertyName("dimensions")]
    public int? Dimensions { get; set; }
}
