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
}
