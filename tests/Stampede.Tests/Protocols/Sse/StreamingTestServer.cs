using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Stampede.Tests.TestServers;

namespace Stampede.Tests.Protocols.Sse;

/// <summary>
/// A Kestrel server on 127.0.0.1, port 0, that streams events on a known schedule. Each timed event carries the
/// server's <see cref="Stopwatch.GetTimestamp"/> at the moment it was flushed — client and server share the process
/// and its clock, so a test can compare the client's read timestamp with the server's flush exactly.
/// </summary>
public sealed class StreamingTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StreamingTestServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Url(string path) => new Uri(BaseAddress, path).AbsoluteUri;

    public static async Task<StreamingTestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new StreamingTestServer(app, new Uri(address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static int Query(HttpContext context, string name, int fallback) =>
        int.TryParse(context.Request.Query[name], CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static async Task Start(HttpContext context)
    {
        context.Response.ContentType = "text/event-stream";
        await context.Response.StartAsync();
        await context.Response.Body.FlushAsync();
    }

    private static async Task Send(HttpContext context, string text)
    {
        await context.Response.WriteAsync(text);
        await context.Response.Body.FlushAsync();
    }

    private static byte[] TextFrame(string text) => [0x81, (byte)text.Length, .. Encoding.UTF8.GetBytes(text)];

    private static void Map(WebApplication app)
    {
        // n events: the first after `first` ms, then one every `gap` ms; data = the server's flush timestamp.
        app.MapGet("/sse/timed", async (HttpContext context) =>
        {
            int n = Query(context, "n", 5), first = Query(context, "first", 100), gap = Query(context, "gap", 40);
            await Start(context);
            await ServerDelay.AtLeastAsync(first);
            for (var i = 0; i < n; i++)
            {
                if (i > 0)
                {
                    await ServerDelay.AtLeastAsync(gap);
                }

                await Send(context, $"id: {i}\ndata: {Stopwatch.GetTimestamp()}\n\n");
            }

            await Send(context, "event: done\ndata: {}\n\n");
        });
        app.MapPost("/sse/echo", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            await Start(context);
            await Send(context, $"data: {context.Request.Headers["X-Test"]}|{context.Request.Headers.AcceptEncoding}|{body}\n\ndata: [DONE]\n\n");
        });
        app.MapGet("/sse/burst", async (HttpContext context) =>
        {
            await Start(context);
            await Send(context, "data: a\n\ndata: b\n\ndata: c\n\n");
        });
        app.MapGet("/sse/json", () => Results.Json(new { hello = "world" }));
        app.MapGet("/sse/status", () => Results.StatusCode(503));
        app.MapGet("/sse/cut", async (HttpContext context) =>
        {
            await Start(context);
            await Send(context, "data: one\n\n");
            await Task.Delay(20);
            context.Abort();
        });
        app.MapGet("/sse/idle", async (HttpContext context) =>
        {
            await Start(context);
            await Send(context, "data: one\n\n");
            try
            {
                await Task.Delay(5000, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // the client gave up, as the test wants
            }
        });
        app.MapGet("/sse/resume", async (HttpContext context) =>
        {
            await Start(context);
            if (context.Request.Headers["Last-Event-ID"] == "1")
            {
                await Send(context, "id: 2\ndata: second\n\nevent: done\ndata: {}\n\n");
            }
            else
            {
                await Send(context, "retry: 10\nid: 1\ndata: first\n\n");
            }
        });

        // WebSocket, upgraded by hand so the frames' flushes are ours: after the client's first message, frames "a"
        // and "b" in one write (they arrive in one read), then "c" 60 ms later.
        app.MapGet("/ws/burst", async (HttpContext context) =>
        {
            var key = context.Request.Headers["Sec-WebSocket-Key"].ToString();
#pragma warning disable CA5350 // RFC 6455 fixes SHA-1 for the handshake; it protects nothing
            context.Response.Headers.Upgrade = "websocket";
            context.Response.Headers.Connection = "Upgrade";
            context.Response.Headers["Sec-WebSocket-Accept"] = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
#pragma warning restore CA5350
            await using var stream = await context.Features.Get<IHttpUpgradeFeature>()!.UpgradeAsync();
            var buffer = new byte[1024];
            _ = await stream.ReadAsync(buffer, context.RequestAborted);
            await stream.WriteAsync((byte[])[.. TextFrame("a"), .. TextFrame("b")], context.RequestAborted);
            await stream.FlushAsync(context.RequestAborted);
            await ServerDelay.AtLeastAsync(60, context.RequestAborted);
            await stream.WriteAsync(TextFrame("c"), context.RequestAborted);
            await stream.FlushAsync(context.RequestAborted);
            try
            {
                while (await stream.ReadAsync(buffer, context.RequestAborted) > 0)
                {
                    // drain until the client goes
                }
            }
            catch (Exception exception) when (exception is IOException or OperationCanceledException)
            {
                // the client aborted after its close frame
            }
        });

        // OpenAI-style chat stream: role-only chunk, `tokens` content chunks `gap` ms apart after `first` ms,
        // a finish chunk, a usage chunk and [DONE]. `mode` injects failures; `text` replaces each chunk's "t{i} ";
        // `usage=none` leaves usage out, `usage=continuous` reports it on every chunk, `per` tokens a chunk.
        app.MapPost("/llm/openai", async (HttpContext context) =>
        {
            int tokens = Query(context, "tokens", 5), first = Query(context, "first", 100), gap = Query(context, "gap", 30), per = Query(context, "per", 1);
            var mode = context.Request.Query["mode"].ToString();
            var usage = context.Request.Query["usage"].ToString();
            var chunkText = context.Request.Query["text"].ToString();
            if (mode == "status")
            {
                context.Response.StatusCode = 429;
                await context.Response.WriteAsJsonAsync(new { error = new { message = "slow down", type = "rate_limit", code = "rate_limited" } });
                return;
            }

            await Start(context);
            await Send(context, "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}],\"usage\":null}\n\n");
            await ServerDelay.AtLeastAsync(first);
            if (mode == "reasoning")
            {
                await Send(context, "data: {\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"hmm\"}}]}\n\n");
                await ServerDelay.AtLeastAsync(gap);
            }

            for (var i = 0; i < tokens; i++)
            {
                if (i > 0)
                {
                    await ServerDelay.AtLeastAsync(gap);
                }

                if (mode == "error" && i == 2)
                {
                    await Send(context, "data: {\"error\":{\"message\":\"model overloaded\",\"type\":\"server_error\"}}\n\n");
                    return;
                }

                if (mode == "event-error" && i == 2)
                {
                    await Send(context, "event: error\ndata: {\"message\":\"boom\"}\n\n");
                    return;
                }

                if (mode == "cut" && i == 2)
                {
                    return;
                }

                var content = chunkText.Length > 0 ? chunkText : $"t{i} ";
                var chunkUsage = usage == "continuous" ? $"{{\"prompt_tokens\":11,\"completion_tokens\":{(i + 1) * per}}}" : "null";
                await Send(context, $"data: {{\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\"{content}\"}}}}],\"usage\":{chunkUsage}}}\n\n");
            }

            var finish = mode == "length" ? "length" : "stop";
            var usageChunk = usage == "none" ? ""
                : $"data: {{\"choices\":[],\"usage\":{{\"prompt_tokens\":11,\"completion_tokens\":{tokens * per},\"total_tokens\":{11 + (tokens * per)}}}}}\n\n";
            await Send(context, $"data: {{\"choices\":[{{\"index\":0,\"delta\":{{}},\"finish_reason\":\"{finish}\"}}],\"usage\":null}}\n\n" +
                usageChunk + "data: [DONE]\n\n");
        });

        // Anthropic-style named events.
        app.MapPost("/llm/anthropic", async (HttpContext context) =>
        {
            await Start(context);
            await Send(context, "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":9,\"output_tokens\":1}}}\n\n");
            await Send(context, "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n");
            await Send(context, "event: ping\ndata: {\"type\":\"ping\"}\n\n");
            foreach (var word in new[] { "Hello", " there", " friend" })
            {
                await Task.Delay(20);
                await Send(context, $"event: content_block_delta\ndata: {{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{{\"type\":\"text_delta\",\"text\":\"{word}\"}}}}\n\n");
            }

            await Send(context, "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":3}}\n\n");
            await Send(context, "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        });
    }
}
