using Stampede.Data;

namespace Stampede.Protocols.Llm;

/// <summary>Small request bodies written field by field, without reflection, so they serialise under NativeAOT.</summary>
internal static class LlmRequestJson
{
    /// <summary><c>{"message":"…"}</c> with the last user turn: the demo target's chat body.</summary>
    public static string LastUserMessage(IReadOnlyList<LlmMessage> messages) =>
        JsonText.Write(messages, static (writer, messages) =>
        {
            writer.WriteStartObject();
            writer.WriteString("message", messages.LastOrDefault(m => m.Role == "user")?.Content ?? "");
            writer.WriteEndObject();
        });

    /// <summary>Anthropic's Messages API body: the system turns joined into <c>system</c>, the rest as <c>messages</c>, streamed.</summary>
    public static string Anthropic(IReadOnlyList<LlmMessage> messages, LlmOptions options) =>
        JsonText.Write((messages, options), static (writer, state) =>
        {
            var (messages, options) = state;
            var system = string.Join("\n", messages.Where(m => m.Role == "system").Select(m => m.Content));
            writer.WriteStartObject();
            writer.WriteString("model", options.Model);

            // The Messages API requires max_tokens; 1024 is the value its own examples use.
            writer.WriteNumber("max_tokens", options.MaxTokens ?? 1024);
            writer.WriteBoolean("stream", true);
            if (system.Length > 0)
            {
                writer.WriteString("system", system);
            }

            writer.WriteStartArray("messages");
            foreach (var message in messages.Where(m => m.Role != "system"))
            {
                writer.WriteStartObject();
                writer.WriteString("role", message.Role);
                writer.WriteString("content", message.Content);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
}
