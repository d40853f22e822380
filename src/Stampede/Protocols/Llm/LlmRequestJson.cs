using System.Text;
using System.Text.Json;

namespace Stampede.Protocols.Llm;

/// <summary>Small request bodies written field by field, without reflection, so they serialise under NativeAOT.</summary>
internal static class LlmRequestJson
{
    /// <summary><c>{"message":"…"}</c> with the last user turn: the demo target's chat body.</summary>
    public static string LastUserMessage(IReadOnlyList<LlmMessage> messages) =>
        Write(messages, static (writer, messages) =>
        {
            writer.WriteStartObject();
            writer.WriteString("message", messages.LastOrDefault(m => m.Role == "user")?.Content ?? "");
            writer.WriteEndObject();
        });

    /// <summary>Runs <paramref name="write"/> on a compact writer with the serializer's default encoder and returns the text.</summary>
    public static string Write<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer, state);
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}
