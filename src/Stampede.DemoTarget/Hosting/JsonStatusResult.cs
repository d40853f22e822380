using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Stampede.DemoTarget.Hosting;

/// <summary>
/// A JSON body with any status code, written with the server's HTTP JSON options like <c>Results.Ok</c> writes.
/// <c>Results.Json</c> would do the same but is not AOT-safe, and a <see cref="JsonTypeInfo{T}"/> taken straight
/// from <see cref="DemoJsonContext"/> would escape text differently from every other response.
/// </summary>
internal sealed class JsonStatusResult<T>(T value, int statusCode) : IResult
{
    /// <summary>Sets the status and writes the value as <c>application/json; charset=utf-8</c>.</summary>
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        httpContext.Response.StatusCode = statusCode;
        return httpContext.Response.WriteAsJsonAsync(value, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)), contentType: null, httpContext.RequestAborted);
    }
}
