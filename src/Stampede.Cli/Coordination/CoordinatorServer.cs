using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Stampede.Cli.Hosting;
using Stampede.Metrics;

namespace Stampede.Cli.Coordination;

/// <summary>
/// The coordinator's HTTP endpoint (Kestrel): hands out shares, says when to start, takes progress and results.
/// Every request must carry the run's token; one without it gets 401 and changes nothing.
/// </summary>
internal sealed class CoordinatorServer : IAsyncDisposable
{
    private readonly KestrelEndpoint _endpoint;

    private CoordinatorServer(KestrelEndpoint endpoint)
    {
        _endpoint = endpoint;
    }

    /// <summary>Where workers reach it, e.g. <c>http://127.0.0.1:6565/</c>.</summary>
    public Uri Address => _endpoint.Address;

    public static async Task<CoordinatorServer> StartAsync(CoordinatedRun run, string token, string listen, int port)
    {
        var expected = Encoding.UTF8.GetBytes($"{CoordinationProtocol.Scheme} {token}");

        // A worker's result carries its histograms and per-second series: far more than a form post.
        var endpoint = await KestrelEndpoint.StartAsync(listen, port, 512L * 1024 * 1024, context => HandleAsync(context, run, expected)).ConfigureAwait(false);
        return new CoordinatorServer(endpoint);
    }

    public async ValueTask DisposeAsync()
    {
        await _endpoint.StopAsync().ConfigureAwait(false);
        await _endpoint.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task HandleAsync(HttpContext context, CoordinatedRun run, byte[] expected)
    {
        var request = context.Request;
        var given = Encoding.UTF8.GetBytes(request.Headers.Authorization.ToString());
        if (!CryptographicOperations.FixedTimeEquals(given, expected))
        {
            await WriteTextAsync(context, StatusCodes.Status401Unauthorized, "missing or wrong token: send Authorization: Bearer TOKEN, the token the coordinator printed").ConfigureAwait(false);
            return;
        }

        var worker = request.Query[CoordinationProtocol.WorkerParameter].ToString();
        var path = request.Path.Value;
        try
        {
            switch (request.Method, path)
            {
                case ("POST", CoordinationProtocol.Join):
                    var join = await JsonSerializer.DeserializeAsync(request.Body, CoordinationJsonContext.Default.WorkerJoin, context.RequestAborted).ConfigureAwait(false);
                    if (run.Join(join?.Name ?? "worker", out var refusal, join?.Index) is { } assignment)
                    {
                        await WriteJsonAsync(context, JsonSerializer.Serialize(assignment, CoordinationJsonContext.Default.WorkerAssignment)).ConfigureAwait(false);
                    }
                    else
                    {
                        await WriteTextAsync(context, StatusCodes.Status409Conflict, refusal!).ConfigureAwait(false);
                    }

                    return;
                case ("GET", CoordinationProtocol.Start):
                    if (run.Start(worker) is { } signal)
                    {
                        await WriteJsonAsync(context, JsonSerializer.Serialize(signal, CoordinationJsonContext.Default.StartSignal)).ConfigureAwait(false);
                        return;
                    }

                    break;
                case ("POST", CoordinationProtocol.Progress):
                    var progress = await JsonSerializer.DeserializeAsync(request.Body, CoordinationJsonContext.Default.WorkerProgress, context.RequestAborted).ConfigureAwait(false);
                    if (progress is not null && run.Progress(worker, progress) is { } answer)
                    {
                        await WriteJsonAsync(context, JsonSerializer.Serialize(answer, CoordinationJsonContext.Default.ProgressAnswer)).ConfigureAwait(false);
                        return;
                    }

                    break;
                case ("POST", CoordinationProtocol.Result):
                    using (var reader = new StreamReader(request.Body, Encoding.UTF8))
                    {
                        var result = RunResultJson.Deserialize(await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false));
                        if (run.Result(worker, result))
                        {
                            context.Response.StatusCode = StatusCodes.Status204NoContent;
                            return;
                        }
                    }

                    break;
                case ("POST", CoordinationProtocol.Setup):
                    var setup = await JsonSerializer.DeserializeAsync(request.Body, CoordinationJsonContext.Default.SetupOutcome, context.RequestAborted).ConfigureAwait(false);
                    if (setup is not null && run.SetupDone(worker, setup))
                    {
                        context.Response.StatusCode = StatusCodes.Status204NoContent;
                        return;
                    }

                    break;
                case ("GET", CoordinationProtocol.Teardown):
                    if (run.Teardown(worker) is { } teardown)
                    {
                        await WriteJsonAsync(context, JsonSerializer.Serialize(teardown, CoordinationJsonContext.Default.TeardownSignal)).ConfigureAwait(false);
                        return;
                    }

                    break;
                case ("POST", CoordinationProtocol.Failed):
                    var failure = await JsonSerializer.DeserializeAsync(request.Body, CoordinationJsonContext.Default.WorkerFailure, context.RequestAborted).ConfigureAwait(false);
                    if (run.Failed(worker, failure?.Message ?? "no reason given"))
                    {
                        context.Response.StatusCode = StatusCodes.Status204NoContent;
                        return;
                    }

                    break;
            }
        }
        catch (Exception exception) when (exception is JsonException or FormatException)
        {
            await WriteTextAsync(context, StatusCodes.Status400BadRequest, $"unreadable {path} body: {exception.Message}").ConfigureAwait(false);
            return;
        }

        await WriteTextAsync(context, StatusCodes.Status404NotFound, $"no {request.Method} {path} for worker '{worker}'").ConfigureAwait(false);
    }

    private static async Task WriteJsonAsync(HttpContext context, string json)
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task WriteTextAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
    }
}
