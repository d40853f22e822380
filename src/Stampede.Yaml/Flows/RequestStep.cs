using Stampede.Data.Templates;
using Stampede.Protocols.Http;

namespace Stampede.Yaml.Flows;

/// <summary>An HTTP request with its templates, checks, captures and retry policy.</summary>
internal sealed record RequestStep(
    HttpMethod Method,
    Template Url,
    IReadOnlyList<KeyValuePair<string, Template>> Query,
    IReadOnlyList<KeyValuePair<string, Template>> Headers,
    TemplatedJson? Json,
    IReadOnlyList<KeyValuePair<string, Template>>? Form,
    Template? Body,
    string? ContentType,
    TimeSpan? Timeout,
    string? Name,
    IReadOnlyList<CheckSpec> Checks,
    IReadOnlyList<CaptureSpec> Captures,
    RetryPolicy Retry,
    bool AbortIterationOnFail,
    ExpectedStatuses? Expect,
    IReadOnlyList<MetricAdd> Metrics,
    MultipartBody? Multipart = null,
    HttpBody? Bytes = null,
    bool Gzip = false) : IFlowStep
{
    public async Task RunAsync(FlowRun run)
    {
        var spec = Build(run);
        var response = await run.Vu.Http.SendAsync(spec).ConfigureAwait(false);
        for (var retry = 1; retry < Retry.Attempts && RetryPolicy.ShouldRetry(response); retry++)
        {
            run.Vu.Metrics.Counter(FlowShared.Retries, run.Vu.Tags.With("name", spec.Name ?? spec.Url)).Add();
            await run.Vu.SleepAsync(Retry.Delay(retry, run.Vu.Random)).ConfigureAwait(false);
            response = await run.Vu.Http.SendAsync(spec).ConfigureAwait(false);
        }

        if (response.Error == HttpErrorKind.Cancelled)
        {
            return;
        }

        var failures = 0;
        foreach (var check in Checks)
        {
            var value = check.Value.Read(response, out var found);
            var passed = check.Matcher.Test(value, found);
            failures += (check.Tags is null ? run.Vu.Check(check.Name, passed) : run.Vu.Check(check.Name, passed, check.Tags)) ? 0 : 1;
        }

        var failed = failures > 0;
        run.SetChecks(Checks.Count - failures, failures);

        foreach (var capture in Captures)
        {
            var value = capture.Value.Read(response, out var found);
            if (capture.Append)
            {
                if (!run.Captures.TryGetValue(capture.Name, out var existing) || existing is not List<object?> list)
                {
                    run.Captures[capture.Name] = list = [];
                }

                if (found)
                {
                    list.Add(value);
                }
            }
            else
            {
                run.Captures[capture.Name] = found ? value : null;
            }
        }

        foreach (var metric in Metrics)
        {
            metric.Record(run, response);
        }

        if (failed && AbortIterationOnFail)
        {
            run.Vu.AbortIteration($"a check of {Method} {Url} failed");
        }
    }

    private HttpRequestSpec Build(FlowRun run)
    {
        var scope = run.Scope;
        var url = Url.Render(scope);
        if (Query.Count > 0)
        {
            var query = string.Join('&', Query.Select(q => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(q.Value.Render(scope))));
            url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;
        }

        HttpBody? body = null;
        if (Json is not null)
        {
            body = HttpBody.Json(Json.Render(scope));
        }
        else if (Form is not null)
        {
            body = HttpBody.Form(Form.Select(f => new KeyValuePair<string, string>(f.Key, f.Value.Render(scope))));
        }
        else if (Body is not null)
        {
            body = HttpBody.Raw(Body.Render(scope), ContentType ?? "text/plain; charset=utf-8");
        }
        else if (Multipart is not null)
        {
            body = Multipart.Render(scope);
        }
        else if (Bytes is not null)
        {
            body = Bytes;
        }

        List<KeyValuePair<string, string>>? headers = Headers.Count == 0 ? null : [.. Headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value.Render(scope)))];
        if (Gzip && body is not null)
        {
            body = GzipBody.Compress(body);
            (headers ??= []).Add(new("Content-Encoding", "gzip"));
        }

        return new HttpRequestSpec(Method, url)
        {
            Headers = headers,
            Body = body,
            Timeout = Timeout,
            Name = Name,
            ExpectedStatuses = Expect,
        };
    }
}
