using System.Text.Json;
using System.Text.Json.Serialization;

namespace Stampede.Protocols.Llm;

/// <summary>Source-generated metadata (web defaults, camelCase) for the request bodies the LLM protocol builds itself.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(LlmOptions.OpenAiChatRequest))]
internal sealed partial class LlmJsonContext : JsonSerializerContext;
