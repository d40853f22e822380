using System.Text;
using System.Text.Json;

namespace Stampede.Data;

/// <summary>Compact JSON text written by hand on a <see cref="Utf8JsonWriter"/> (the serializer's default encoder), without reflection.</summary>
internal static class JsonText
{
    /// <summary>Runs <paramref name="write"/> on a fresh writer and returns what it wrote.</summary>
    /// <param name="state">Handed to <paramref name="write"/>, so a static lambda needs no closure.</param>
    /// <param name="write">Writes exactly one JSON value.</param>
    /// <param name="capacity">Starting size of the buffer, for callers that know their usual size.</param>
    public static string Write<TState>(TState state, Action<Utf8JsonWriter, TState> write, int capacity = 0)
    {
        using var stream = new MemoryStream(capacity);
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer, state);
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}
