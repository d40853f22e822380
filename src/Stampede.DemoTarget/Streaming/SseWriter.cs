using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Stampede.DemoTarget.Streaming;

/// <summary>
/// Writes Server-Sent Events straight into the response pipe: <c>event:</c> (optional), one <c>data:</c> line of JSON,
/// a blank line, then a flush so each event leaves at once.
/// </summary>
internal sealed class SseWriter : IDisposable
{
    private readonly PipeWriter _out;
    private readonly Utf8JsonWriter _json;

    private SseWriter(HttpResponse response)
    {
        _out = response.BodyWriter;
        _json = new Utf8JsonWriter(_out);
    }

    /// <summary>Sets the SSE headers, sends them, and returns a writer for the events.</summary>
    public static async Task<SseWriter> StartAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(cancellationToken).ConfigureAwait(false);
        await response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
        return new SseWriter(response);
    }

    /// <summary>Starts an event and returns the JSON writer for its data; finish with <see cref="EndEventAsync"/>.</summary>
    public Utf8JsonWriter BeginEvent(string? eventName)
    {
        if (eventName is not null)
        {
            _out.Write("event: "u8);
            _out.Write(System.Text.Encoding.UTF8.GetBytes(eventName));
            _out.Write("\n"u8);
        }

        _out.Write("data: "u8);
        _json.Reset(_out);
        return _json;
    }

    public async ValueTask EndEventAsync(CancellationToken cancellationToken)
    {
        _json.Flush();
        _out.Write("\n\n"u8);
        await _out.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _json.Dispose();

    /// <summary>Writes <c>data: {raw}</c> as it is, for OpenAI's <c>[DONE]</c> marker which is not JSON.</summary>
    public async ValueTask WriteRawDataAsync(ReadOnlyMemory<byte> raw, CancellationToken cancellationToken)
    {
        _out.Write("data: "u8);
        _out.Write(raw.Span);
        _out.Write("\n\n"u8);
        await _out.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
