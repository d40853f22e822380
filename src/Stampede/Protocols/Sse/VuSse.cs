using Stampede.Metrics;
using Stampede.Protocols.Http;

namespace Stampede.Protocols.Sse;

/// <summary>
/// A VU's Server-Sent Events client (<c>vu.Sse</c>): opens a stream, parses it as it arrives, records the
/// <c>sse_*</c> metrics with the VU's tags plus <c>name</c>, <c>method</c> and <c>status</c>, and optionally reconnects
/// with <c>Last-Event-ID</c>. Never throws for network or server failures: they come back in <see cref="SseResult"/>.
/// </summary>
public sealed class VuSse : IAsyncDisposable
{
    private readonly HttpSession _session;
    private readonly SseMetricsRecorder _recorder;
    private readonly TimeProvider _time;
    private readonly Func<TagSet> _tags;
    private readonly Func<CancellationToken> _cancellation;

    internal VuSse(HttpSession session, MetricRegistry registry, TimeProvider time, Func<TagSet> tags, Func<CancellationToken> cancellation)
    {
        _session = session;
        _recorder = new SseMetricsRecorder(registry);
        _time = time;
        _tags = tags;
        _cancellation = cancellation;
    }

    /// <summary>GET <paramref name="url"/> as an event stream, until it ends or a terminal event arrives.</summary>
    public Task<SseResult> GetAsync(string url, string? name = null) => OpenAsync(new SseRequest(url) { Name = name });

    /// <summary>POST <paramref name="body"/> to <paramref name="url"/> and read the event stream of the answer.</summary>
    public Task<SseResult> PostAsync(string url, HttpBody body, string? name = null) =>
        OpenAsync(new SseRequest(url) { Method = HttpMethod.Post, Body = body, Name = name });

    /// <summary>Opens the stream <paramref name="request"/> describes and reads it to its end.</summary>
    /// <exception cref="ArgumentException">The request is not valid.</exception>
    public Task<SseResult> OpenAsync(SseRequest request) => OpenAsync(request, CancellationToken.None);

    /// <summary>
    /// Opens the stream <paramref name="request"/> describes and reads it until it ends or <paramref name="stop"/>
    /// fires; stopping is the caller's choice, not an error (the stream's metrics are recorded as for any end).
    /// </summary>
    /// <exception cref="ArgumentException">The request is not valid.</exception>
    public async Task<SseResult> OpenAsync(SseRequest request, CancellationToken stop)
    {
        var problems = request.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(request));
        }

        var ct = _cancellation();
        var tags = _tags();
        var name = request.Name ?? request.Url;
        var method = request.Method.Method;
        var result = new SseResult();
        var start = _time.GetTimestamp();
        var deadline = request.MaxDuration is { } max ? start + (long)(max.TotalSeconds * _time.TimestampFrequency) : 0;
        var lastEventId = request.LastEventId;
        long lastEvent = 0;
        SseMetricsRecorder.SeriesSet? series = null;
        using var parser = new SseParser();
        while (true)
        {
            var connectStart = _time.GetTimestamp();
            var opened = await SseConnection.OpenAsync(_session, _time, request.Url, request.Method, request.Body, request.Headers,
                lastEventId, name, request.ConnectTimeout, requireEventStream: true, ct).ConfigureAwait(false);
            result.Status = opened.Response.Status;
            series = _recorder.For(tags, name, method, opened.Response.Status);
            series.Streams.Add(1);
            if (opened.Response.Status != 0)
            {
                var connect = _time.GetElapsedTime(connectStart, opened.HeadersTimestamp).TotalMilliseconds;
                series.Connect.Record(connect);
                if (result.Reconnects == 0)
                {
                    result.ConnectMs = connect;
                }
            }

            if (opened.Response.Status != 0)
            {
                request.OnOpen?.Invoke(opened.Response);
            }

            SseReadOutcome outcome;
            if (opened.Error != SseErrorKind.None)
            {
                opened.Response.BodyStream?.Dispose();
                result.Error = opened.Error;
                result.ErrorMessage = opened.Message;
                break;
            }

            await using (opened.Response.BodyStream!.ConfigureAwait(false))
            {
                var reader = new SseStreamReader(_time, parser);
                var current = series;
                outcome = await reader.ReadAsync(opened.Response.BodyStream!, e =>
                {
                    current.Events.Add(1);
                    result.EventCount++;
                    if (result.TimeToFirstEventMs is null)
                    {
                        reader.MarkStarted();
                        result.TimeToFirstEventMs = _time.GetElapsedTime(start, e.Timestamp).TotalMilliseconds;
                        current.FirstEvent.Record(result.TimeToFirstEventMs.Value);
                    }
                    else if (e.Coalesced)
                    {
                        current.Coalesced.Add(1);
                    }
                    else
                    {
                        current.Gap.Record(_time.GetElapsedTime(lastEvent, e.Timestamp));
                    }

                    lastEvent = e.Timestamp;
                    if (request.KeepEvents)
                    {
                        result.EventList.Add(e);
                    }

                    var terminal = SseRequest.IsTerminal(e);
                    result.TerminalSeen |= terminal;
                    var wanted = request.OnEvent?.Invoke(e) ?? true;
                    return wanted && !(terminal && request.StopOnTerminalEvent);
                }, request.FirstEventTimeout ?? request.IdleTimeout, request.IdleTimeout, deadline, ct, stop).ConfigureAwait(false);
            }

            result.LastEventId = parser.LastEventId;
            lastEventId = parser.LastEventId;
            var error = SseErrorKinds.FromOutcome(outcome);
            var retry = outcome is SseReadOutcome.Ended or SseReadOutcome.Reset && !result.TerminalSeen && result.Reconnects < request.MaxReconnects;
            if (!retry)
            {
                result.Error = error;
                result.ErrorMessage = error == SseErrorKind.None ? null : SseErrorKinds.Tag(error).Replace('_', ' ');
                break;
            }

            result.Reconnects++;
            var delay = parser.RetryMilliseconds is { } ms ? TimeSpan.FromMilliseconds(ms) : request.ReconnectDelay;
            try
            {
                await Task.Delay(delay, _time, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                result.Error = SseErrorKind.Cancelled;
                break;
            }
        }

        result.DurationMs = _time.GetElapsedTime(start).TotalMilliseconds;
        if (result.Error != SseErrorKind.Cancelled)
        {
            series.Duration.Record(result.DurationMs);
        }

        _recorder.Error(tags, name, result.Error);
        return result;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _session.DisposeAsync();
}
