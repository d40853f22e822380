using System.Text.Json;

namespace Stampede.DemoTarget.Tests.Support;

/// <summary>What a response body looks like on the wire, for tests that pin its shape.</summary>
public static class WireJson
{
    /// <summary>The property names of an object, in the order they were written, comma-separated.</summary>
    public static string Names(JsonElement element) =>
        string.Join(',', element.EnumerateObject().Select(p => p.Name));

    public static async Task<string> BodyAsync(HttpResponseMessage response) =>
        await response.Content.ReadAsStringAsync();

    public static string? MediaTypeWithCharset(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.ToString();
}
