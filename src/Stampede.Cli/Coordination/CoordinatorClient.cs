using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Stampede.Metrics;

namespace Stampede.Cli.Coordination;

/// <summary>A worker's side of the exchange with its coordinator, every request carrying the run's token.</summary>
internal sealed class CoordinatorClient : IDisposable
{
    private readonly HttpClient _http;

    public CoordinatorClient(Uri coordinator, string token)
    {
        _http = new HttpClient { BaseAddress = coordinator, Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(CoordinationProtocol.Scheme, token);
    }

    public Task<Reply<WorkerAssignment>> JoinAsync(string name, int? index, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, CoordinationProtocol.Join, Json(new WorkerJoin(name, index), CoordinationJsonContext.Default.WorkerJoin), CoordinationJsonContext.Default.WorkerAssignment, TimeSpan.FromSeconds(10), cancellationToken);

    public Task<Reply<StartSignal>> StartAsync(string worker, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, For(CoordinationProtocol.Start, worker), null, CoordinationJsonContext.Default.StartSignal, TimeSpan.FromSeconds(5), cancellationToken);

    public Task<Reply<ProgressAnswer>> ProgressAsync(string worker, WorkerProgress progress, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, For(CoordinationProtocol.Progress, worker), Json(progress, CoordinationJsonContext.Default.WorkerProgress), CoordinationJsonContext.Default.ProgressAnswer, TimeSpan.FromSeconds(5), cancellationToken);

    public Task<Reply<SetupOutcome>> SetupAsync(string worker, SetupOutcome outcome, CancellationToken cancellationToken) =>
        SendAsync<SetupOutcome>(HttpMethod.Post, For(CoordinationProtocol.Setup, worker), Json(outcome, CoordinationJsonContext.Default.SetupOutcome), null, TimeSpan.FromSeconds(10), cancellationToken);

    public Task<Reply<TeardownSignal>> TeardownAsync(string worker, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, For(CoordinationProtocol.Teardown, worker), null, CoordinationJsonContext.Default.TeardownSignal, TimeSpan.FromSeconds(5), cancellationToken);

    public Task<Reply<WorkerFailure>> FailedAsync(string worker, string message, CancellationToken cancellationToken) =>
        SendAsync<WorkerFailure>(HttpMethod.Post, For(CoordinationProtocol.Failed, worker), Json(new WorkerFailure(message), CoordinationJsonContext.Default.WorkerFailure), null, TimeSpan.FromSeconds(5), cancellationToken);

    /// <summary>Sends the result as <c>--out json=</c> writes it.</summary>
    public Task<Reply<RunResult>> ResultAsync(string worker, RunResult result, CancellationToken cancellationToken) =>
        SendAsync<RunResult>(HttpMethod.Post, For(CoordinationProtocol.Result, worker), new StringContent(RunResultJson.Serialize(result), Encoding.UTF8, "application/json"), null, TimeSpan.FromSeconds(60), cancellationToken);

    public void Dispose() => _http.Dispose();

    private static string For(string path, string worker) => $"{path.TrimStart('/')}?{CoordinationProtocol.WorkerParameter}={Uri.EscapeDataString(worker)}";

    private static StringContent Json<T>(T value, JsonTypeInfo<T> type) => new(JsonSerializer.Serialize(value, type), Encoding.UTF8, "application/json");

    /// <summary>Sends one request; an unreachable coordinator is a reply without a status, not an exception.</summary>
    private async Task<Reply<T>> SendAsync<T>(HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T>? type, TimeSpan timeout, CancellationToken cancellationToken)
        where T : class
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/')) { Content = content };
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            using var response = await _http.SendAsync(request, limit.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(limit.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return new Reply<T>(null, response.StatusCode, body);
            }

            return new Reply<T>(type is null || body.Length == 0 ? null : JsonSerializer.Deserialize(body, type), response.StatusCode, null);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is HttpRequestException or OperationCanceledException or JsonException)
        {
            return new Reply<T>(null, null, exception is OperationCanceledException ? $"no answer within {Plans.Duration.Format(timeout)}" : exception.Message);
        }
    }

    /// <summary>What came back: the value, or the status and text of a refusal (no status: the coordinator was not reached).</summary>
    internal sealed record Reply<T>(T? Value, HttpStatusCode? Status, string? Error)
        where T : class
    {
        public bool Succeeded => Error is null && Status is { } status && (int)status < 300;
    }
}
