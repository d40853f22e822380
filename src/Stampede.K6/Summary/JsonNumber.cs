using System.Text.Json.Nodes;

namespace Stampede.K6.Summary;

/// <summary>
/// Reads a number from a data object's node whichever way it was made: parsed from a script's JSON (any number
/// reads as a double) or built in memory, where a value made from a <see cref="long"/> does not read as a double.
/// </summary>
internal static class JsonNumber
{
    /// <summary>The node's number, or null when it is not one.</summary>
    public static double? Read(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        return value.TryGetValue(out double d) ? d
            : value.TryGetValue(out long l) ? l
            : value.TryGetValue(out int i) ? i
            : value.TryGetValue(out decimal m) ? (double)m
            : value.TryGetValue(out float f) ? f
            : null;
    }
}
