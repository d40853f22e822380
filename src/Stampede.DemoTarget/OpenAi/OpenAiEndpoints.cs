using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Stampede.DemoTarget.Hosting;
using Stampede.DemoTarget.Streaming;
using Stampede.DemoTarget.Tenancy;

namespace Stampede.DemoTarget.OpenAi;

/// <summary>
/// An OpenAI-compatible API: <c>POST /v1/chat/completions</c> (streamed or not), <c>POST /v1/embeddings</c>
/// and <c>GET /v1/models</c>. Bearer keys are required; each request's cost is charged to the key's organisation.
/// </summary>
internal static class OpenAiEndpoints
{
    private const int MessageOverheadTokens = 4;
    private const int MaxEmbeddingDimensions = 4096;
    private static readonly byte[] DoneMarker = "[DONE]"u8.ToArray();

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/chat/completions", CompleteAsync);
        app.MapPost("/v1/embeddings", EmbedAsync);
        app.MapGet("/v1/models", () => Results.Ok(new ModelListResponse(
            "list",
            [.. PriceTable.Models.Select(m => new ModelResponse(m.Model, "model", 0, "stampede"))])));
    }

    private static async Task CompleteAsync(HttpContext context, StreamingServices services, ApiKeyAuthenticator auth)
    {
        var (org, denied) = auth.Authorize(context.Request);
        if (denied is not null)
        {
            await denied.ExecuteAsync(context);
            return;
        }

        var request = await JsonBody.ReadAsync(context.Request, DemoJsonContext.Default.ChatCompletionRequest, context.RequestAborted);
        var questions = request?.Messages?.Where(m => m.Role == "user").Select(m => JsonBody.Text(m.Content)).ToArray();
        if (questions is null || questions.Length == 0)
        {
            await InvalidRequest("'messages' must hold at least one message with role 'user'.").ExecuteAsync(context);
            return;
        }

        var model = request!.Model ?? PriceTable.DefaultChatModel;
        var price = PriceTable.For(model);
        var promptTokens = request.Messages!.Sum(m => AnswerComposer.CountTokens(JsonBody.Text(m.Content)) + MessageOverheadTokens);
        var maxTokens = request.MaxCompletionTokens ?? request.MaxTokens ?? int.MaxValue;
        if (maxTokens < 1)
        {
            await InvalidRequest("'max_tokens' must be at least 1.").ExecuteAsync(context);
            return;
        }

        var tokens = services.Composer.Compose(questions[^1], questions.Length > 1 ? questions[^2] : null);
        var finishReason = "stop";
        if (tokens.Length > maxTokens)
        {
            tokens = tokens[..maxTokens];
            finishReason = "length";
        }

        var state = context.Features.GetRequiredFeature<RequestState>();
        var completion = new Completion(
            $"chatcmpl-{state.Random.NextUInt64():x16}",
            services.Clock.Time.GetUtcNow().ToUnixTimeSeconds(),
            model,
            tokens,
            finishReason,
            promptTokens);
        var pacer = new TokenPacer(services.Options, services.Clock, state, tokens.Length);
        using var cancel = services.Link(context.RequestAborted);
        var sent = 0;
        try
        {
            if (request.Stream)
            {
                using var active = services.Metrics.TrackStream(StreamKind.Completion);
                sent = await StreamAsync(context, services, completion, pacer, request.StreamOptions?.IncludeUsage == true, cancel.Token);
            }
            else
            {
                // The whole answer is generated before it is sent, so a non-streamed answer takes as long as a streamed one.
                for (var i = 0; i < tokens.Length; i++)
                {
                    await pacer.WaitForNextTokenAsync(cancel.Token);
                }

                if (pacer.DropAfter >= 0)
                {
                    services.Metrics.DroppedConnection();
                    context.Abort();
                    return;
                }

                sent = tokens.Length;
                await WriteCompletionAsync(context, completion, cancel.Token);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The client left or the server is stopping; what was generated is still charged below.
        }
        finally
        {
            org!.Record(PriceTable.Cost(price, promptTokens, sent));
        }
    }

    /// <summary>Streams the answer as OpenAI does; returns the number of tokens sent.</summary>
    private static async Task<int> StreamAsync(HttpContext context, StreamingServices services, Completion completion, TokenPacer pacer, bool includeUsage, CancellationToken cancellationToken)
    {
        using var sse = await SseWriter.StartAsync(context, cancellationToken);
        var tokens = completion.Tokens;
        for (var i = 0; i < tokens.Length; i++)
        {
            await pacer.WaitForNextTokenAsync(cancellationToken);
            if (i == pacer.DropAfter)
            {
                services.Metrics.DroppedConnection();
                context.Abort();
                return i;
            }

            if (i == 0)
            {
                // OpenAI opens every stream with a role-only chunk; clients that count it as the first token expect it.
                WriteChunk(sse.BeginEvent(null), completion, role: true, content: string.Empty, finishReason: null, includeUsage);
                await sse.EndEventAsync(cancellationToken);
            }

            WriteChunk(sse.BeginEvent(null), completion, role: false, content: tokens[i], finishReason: null, includeUsage);
            await sse.EndEventAsync(cancellationToken);
        }

        WriteChunk(sse.BeginEvent(null), completion, role: false, content: null, finishReason: completion.FinishReason, includeUsage);
        await sse.EndEventAsync(cancellationToken);
        if (includeUsage)
        {
            var json = sse.BeginEvent(null);
            json.WriteStartObject();
            WriteHeader(json, completion, "chat.completion.chunk");
            json.WriteStartArray("choices");
            json.WriteEndArray();
            WriteUsage(json, completion);
            json.WriteEndObject();
            await sse.EndEventAsync(cancellationToken);
        }

        await sse.WriteRawDataAsync(DoneMarker, cancellationToken);
        return tokens.Length;
    }

    private static void WriteChunk(Utf8JsonWriter json, Completion completion, bool role, string? content, string? finishReason, bool includeUsage)
    {
        json.WriteStartObject();
        WriteHeader(json, completion, "chat.completion.chunk");
        json.WriteStartArray("choices");
        json.WriteStartObject();
        json.WriteNumber("index", 0);
        json.WriteStartObject("delta");
        if (role)
        {
            json.WriteString("role", "assistant");
        }

        if (content is not null)
        {
            json.WriteString("content", content);
        }

        json.WriteEndObject();
        json.WriteNull("logprobs");
        if (finishReason is null)
        {
            json.WriteNull("finish_reason");
        }
        else
        {
            json.WriteString("finish_reason", finishReason);
        }

        json.WriteEndObject();
        json.WriteEndArray();
        if (includeUsage)
        {
            json.WriteNull("usage");
        }

        json.WriteEndObject();
    }

    private static async Task WriteCompletionAsync(HttpContext context, Completion completion, CancellationToken cancellationToken)
    {
        context.Response.ContentType = "application/json";
        var json = new Utf8JsonWriter(context.Response.BodyWriter);
        await using (json.ConfigureAwait(false))
        {
            json.WriteStartObject();
            WriteHeader(json, completion, "chat.completion");
            json.WriteStartArray("choices");
            json.WriteStartObject();
            json.WriteNumber("index", 0);
            json.WriteStartObject("message");
            json.WriteString("role", "assistant");
            json.WriteString("content", string.Concat(completion.Tokens));
            json.WriteEndObject();
            json.WriteNull("logprobs");
            json.WriteString("finish_reason", completion.FinishReason);
            json.WriteEndObject();
            json.WriteEndArray();
            WriteUsage(json, completion);
            json.WriteEndObject();
        }

        await context.Response.BodyWriter.FlushAsync(cancellationToken);
    }

    private static void WriteHeader(Utf8JsonWriter json, Completion completion, string kind)
    {
        json.WriteString("id", completion.Id);
        json.WriteString("object", kind);
        json.WriteNumber("created", completion.Created);
        json.WriteString("model", completion.Model);
        json.WriteString("system_fingerprint", "fp_stampede_demo");
    }

    private static void WriteUsage(Utf8JsonWriter json, Completion completion)
    {
        json.WriteStartObject("usage");
        json.WriteNumber("prompt_tokens", completion.PromptTokens);
        json.WriteNumber("completion_tokens", completion.Tokens.Length);
        json.WriteNumber("total_tokens", completion.PromptTokens + completion.Tokens.Length);
        json.WriteEndObject();
    }

    private static async Task EmbedAsync(HttpContext context, DemoTargetOptions options, ApiKeyAuthenticator auth)
    {
        var (org, denied) = auth.Authorize(context.Request);
        if (denied is not null)
        {
            await denied.ExecuteAsync(context);
            return;
        }

        var request = await JsonBody.ReadAsync(context.Request, DemoJsonContext.Default.EmbeddingRequest, context.RequestAborted);
        var inputs = request is null ? null : Inputs(request.Input);
        if (inputs is null || inputs.Length == 0)
        {
            await InvalidRequest("'input' must be a string or an array of strings.").ExecuteAsync(context);
            return;
        }

        var dimensions = request!.Dimensions ?? options.EmbeddingDimensions;
        if (dimensions is < 1 or > MaxEmbeddingDimensions)
        {
            await InvalidRequest($"'dimensions' must be between 1 and {MaxEmbeddingDimensions}.").ExecuteAsync(context);
            return;
        }

        var model = request.Model ?? PriceTable.DefaultEmbeddingModel;
        var promptTokens = inputs.Sum(AnswerComposer.CountTokens);
        org!.Record(PriceTable.Cost(PriceTable.For(model), promptTokens, 0));

        context.Response.ContentType = "application/json";
        var json = new Utf8JsonWriter(context.Response.BodyWriter);
        await using (json.ConfigureAwait(false))
        {
            json.WriteStartObject();
            json.WriteString("object", "list");
            json.WriteStartArray("data");
            for (var i = 0; i < inputs.Length; i++)
            {
                json.WriteStartObject();
                json.WriteString("object", "embedding");
                json.WriteNumber("index", i);
                json.WriteStartArray("embedding");
                WriteVector(json, inputs[i], options.Seed, dimensions);
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("model", model);
            json.WriteStartObject("usage");
            json.WriteNumber("prompt_tokens", promptTokens);
            json.WriteNumber("total_tokens", promptTokens);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    /// <summary>A unit vector that depends only on the text and the seed, so equal texts embed equally.</summary>
    private static void WriteVector(Utf8JsonWriter json, string text, int seed, int dimensions)
    {
        var random = new SeededRandom(SeededRandom.Hash(text, (ulong)(uint)seed));
        Span<float> vector = dimensions <= 1024 ? stackalloc float[dimensions] : new float[dimensions];
        double norm = 0;
        for (var d = 0; d < dimensions; d++)
        {
            vector[d] = (float)random.NextGaussian(0, 1);
            norm += vector[d] * vector[d];
        }

        var scale = norm > 0 ? (float)(1 / Math.Sqrt(norm)) : 0f;
        foreach (var value in vector)
        {
            json.WriteNumberValue(value * scale);
        }
    }

    private static string[]? Inputs(JsonElement input) => input.ValueKind switch
    {
        JsonValueKind.String => [input.GetString()!],
        JsonValueKind.Array when input.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) =>
            input.EnumerateArray().Select(e => e.GetString()!).ToArray(),
        _ => null,
    };

    private static IResult InvalidRequest(string message) =>
        TenancyEndpoints.Error(StatusCodes.Status400BadRequest, "invalid_request_error", message);

    private sealed record Completion(string Id, long Created, string Model, string[] Tokens, string FinishReason, int PromptTokens);
}
