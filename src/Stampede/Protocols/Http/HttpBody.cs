using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Stampede.Protocols.Http;

/// <summary>
/// A request body, serialised once when it is created so that sending it again costs no serialisation.
/// </summary>
public sealed class HttpBody
{
    internal const string ReflectionJson =
        "Serialises with reflection, which trimming and NativeAOT do not support: pass a JsonTypeInfo<T> (System.Text.Json source generation) instead.";

    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    private HttpBody(ReadOnlyMemory<byte> bytes, string contentType)
    {
        Bytes = bytes;
        ContentType = contentType;
    }

    public ReadOnlyMemory<byte> Bytes { get; }

    public string ContentType { get; }

    /// <summary>Raw JSON text, sent as is with <c>application/json</c>.</summary>
    public static HttpBody Json(string json) => new(Encoding.UTF8.GetBytes(json), "application/json");

    /// <summary>An object serialised with the web defaults (camelCase), sent with <c>application/json</c>.</summary>
    /// <remarks>Uses reflection-based serialisation; under trimming or NativeAOT use <see cref="Json{T}(T, JsonTypeInfo{T})"/>.</remarks>
    [RequiresUnreferencedCode(ReflectionJson)]
    [RequiresDynamicCode(ReflectionJson)]
    public static HttpBody Json<T>(T value) => new(JsonSerializer.SerializeToUtf8Bytes(value, WebJson), "application/json");

    /// <summary>An object serialised with the given (e.g. source-generated) metadata, sent with <c>application/json</c>.</summary>
    public static HttpBody Json<T>(T value, JsonTypeInfo<T> typeInfo) =>
        new(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), "application/json");

    /// <summary>URL-encoded form fields (<c>application/x-www-form-urlencoded</c>), in the order given.</summary>
    public static HttpBody Form(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var sb = new StringBuilder();
        foreach (var (key, value) in fields)
        {
            if (sb.Length > 0)
            {
                sb.Append('&');
            }

            sb.Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
        }

        // Form encoding uses '+' for spaces; EscapeDataString produces %20, which every server also accepts.
        return new(Encoding.ASCII.GetBytes(sb.ToString()), "application/x-www-form-urlencoded");
    }

    public static HttpBody Raw(ReadOnlyMemory<byte> bytes, string contentType) => new(bytes, contentType);

    public static HttpBody Raw(string text, string contentType) => new(Encoding.UTF8.GetBytes(text), contentType);

    internal HttpContent CreateContent()
    {
        var content = new ReadOnlyMemoryContent(Bytes);

        // Without validation the header is stored as a string: no MediaTypeHeaderValue parse per request.
        content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        return content;
    }
}
