using System.Text.Json;

namespace Stampede.Metrics;

/// <summary>Reads and writes the JSON result (format <c>stampede-result</c>, see docs/result-format.md).</summary>
public static class RunResultJson
{
    /// <summary>Writes <paramref name="result"/> to <paramref name="stream"/>.</summary>
    public static Task WriteAsync(Stream stream, RunResult result, CancellationToken cancellationToken = default) =>
        JsonSerializer.SerializeAsync(stream, result, RunResultJsonContext.Default.RunResult, cancellationToken);

    /// <summary>The result as a JSON string.</summary>
    public static string Serialize(RunResult result) => JsonSerializer.Serialize(result, RunResultJsonContext.Default.RunResult);

    /// <summary>Reads a result; throws <see cref="FormatException"/> with a clear message when it is not one this version understands.</summary>
    public static RunResult Deserialize(string json)
    {
        RunResult? result;
        try
        {
            using (var document = JsonDocument.Parse(json))
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object
                    || !root.TryGetProperty("format", out var format) || format.GetString() != "stampede-result")
                {
                    throw new FormatException("not a Stampede result: expected a JSON object with \"format\": \"stampede-result\"");
                }

                if (!root.TryGetProperty("version", out var version) || version.GetInt32() > RunResult.CurrentVersion)
                {
                    throw new FormatException($"result format version {(root.TryGetProperty("version", out var v) ? v.ToString() : "missing")} is newer than this Stampede understands ({RunResult.CurrentVersion})");
                }
            }

            result = JsonSerializer.Deserialize(json, RunResultJsonContext.Default.RunResult);
        }
        catch (JsonException exception)
        {
            throw new FormatException($"invalid result JSON at line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}: {exception.Message}", exception);
        }

        return result ?? throw new FormatException("the result is empty");
    }
}
