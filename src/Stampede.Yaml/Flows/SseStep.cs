using Stampede.Data.Templates;
using Stampede.Protocols.Http;
using Stampede.Protocols.Sse;

namespace Stampede.Yaml.Flows;

/// <summary>
/// <c>sse:</c> — opens a Server-Sent Events stream (GET, or POST with a body), reads it to its end marker and checks
/// and captures what arrived. <paramref name="Until"/>: null stops at <c>done</c> / <c>[DONE]</c>, <c>close</c> reads
/// until the server closes the stream, anything else also stops at an event of that type or with that data.
/// </summary>
internal sealed record SseStep(
    HttpMethod Method,
    Template Url,
    IReadOnlyList<KeyValuePair<string, Template>> Headers,
    TemplatedJson? Json,
    Template? Body,
    string? ContentType,
    string? Name,
    TimeSpan? Timeout,
    TimeSpan? FirstEventTimeout,
    TimeSpan? IdleTimeout,
    TimeSpan? MaxDuration,
    string? Until,
    StreamAssertions Assertions,
    bool AbortIterationOnFail) : IFlowStep
{
    public const string UntilClose = "close";

    public async Task RunAsync(FlowRun run)
    {
        var scope = run.Scope;
        var url = Url.Render(scope);
        var endSeen = false;
        var request = new SseRequest(url)
        {
            Method = Method,
            Body = Json is not null ? HttpBody.Json(Json.Render(scope))
                : Body is not null ? HttpBody.Raw(Body.Render(scope), ContentType ?? "text/plain; charset=utf-8")
                : null,
            Headers = Headers.Count == 0 ? null : [.. Headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value.Render(scope)))],
            Name = Name ?? url,
            ConnectTimeout = Timeout,
            FirstEventTimeout = FirstEventTimeout,
            IdleTimeout = IdleTimeout ?? TimeSpan.FromSeconds(60),
            MaxDuration = MaxDuration,
            StopOnTerminalEvent = Until != UntilClose,
            OnEvent = Until is null or UntilClose ? null : e =>
            {
                endSeen = e.Type == Until || e.Data.AsSpan().Trim().SequenceEqual(Until);
                return !endSeen;
            },
        };
        var result = await run.Vu.Sse.OpenAsync(request).ConfigureAwait(false);
        if (result.Error == SseErrorKind.Cancelled)
        {
            return;
        }

        var outcome = new StreamOutcome();
        outcome.Items.AddRange(result.Events.Select(e => e.Data));
        var values = outcome.Values;
        values["status"] = result.Status;
        values["events"] = result.EventCount;
        values["terminal"] = result.TerminalSeen || endSeen;
        values["error"] = result.Error == SseErrorKind.None ? null : ErrorTag.Of(result.Error);
        values["duration"] = result.DurationMs;
        values["firstEvent"] = result.TimeToFirstEventMs;
        values["connect"] = result.Status == 0 ? null : result.ConnectMs;
        values["data"] = result.Events.Count == 0 ? null : result.Events[^1].Data;
        values["type"] = result.Events.Count == 0 ? null : result.Events[^1].Type;
        values["reconnects"] = result.Reconnects;
        if (!Assertions.Apply(run, outcome) && AbortIterationOnFail)
        {
            run.Vu.AbortIteration($"a check of SSE {Url} failed");
        }
    }
}
