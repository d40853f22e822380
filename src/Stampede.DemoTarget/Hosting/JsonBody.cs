using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Stampede.DemoTarget.Hosting;

/// <summary>Reads a request's JSON body without throwing on bad input, so handlers can answer 400 in their own format.</summary>
internal static class JsonBody
{
    /// <summary>The body, or null when it is missing or not valid JSON for <typeparamref name="T"/>.</summary>
    /// <param name="request">The request to read.</param>
    /// <param name="typeInfo">Usually from <see cref="DemoJsonContext"/>, whose options are the web defaults.</param>
    /// <param name="cancellationToken">Ends the read.</param>
    public static async ValueTask<T?> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(request.Body, typeInfo, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The text of an OpenAI message content: a string, or an array of parts whose <c>text</c> fields are joined.</summary>
    public static string Text(JsonElement content)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                return content.GetString() ?? string.Empty;
            case JsonValueKind.Array:
                var parts = new List<string>();
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
                    {
                        parts.Add(text.GetString()!);
                    }
                }

                return string.Join(' ', parts);
            default:
                return string.Empty;
        }
    }
}
