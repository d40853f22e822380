using System.Text.Json;
using Stampede.Plans;
using Stampede.Plans.Executors;
using Stampede.Protocols.Http;

namespace Stampede.Cli;

/// <summary>The plan behind <c>stampede run --url</c>: one scenario requesting one URL as fast as the load options allow.</summary>
internal static class QuickTest
{
    public static TestPlan? Build(string url, string method, IReadOnlyList<string> headerLines, string? body, string? thinkText, RunSettings settings, List<PlanError> errors)
    {
        var think = TimeSpan.Zero;
        if (thinkText is not null && !Duration.TryParse(thinkText, out think, out var thinkError))
        {
            errors.Add(new PlanError("--think", thinkError!));
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add(new PlanError("--url", $"expected an absolute http:// or https:// URL, found '{url}'"));
            return null;
        }

        var headers = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < headerLines.Count; i++)
        {
            var line = headerLines[i];
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                // Not quoted: a header without its ':' is often 'Authorization Bearer …', and errors end up in CI logs.
                errors.Add(new PlanError("--header", $"expected 'Name: value', found no name before a ':' in header {i + 1} of {headerLines.Count} (its text is not shown: it may hold a credential)"));
                continue;
            }

            headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }

        HttpBody? content = null;
        if (body is not null)
        {
            content = LooksLikeJson(body) ? HttpBody.Json(body) : HttpBody.Raw(body, "text/plain; charset=utf-8");
        }

        var request = new HttpRequestSpec(new HttpMethod(method.ToUpperInvariant()), uri.ToString())
        {
            Headers = headers.Count == 0 ? null : headers,
            Body = content,
            Name = uri.ToString(),
        };
        var executor = PlanOverrides.LoadFrom(settings, errors) ?? new ConstantVusOptions { Vus = 1, Duration = TimeSpan.FromSeconds(10) };
        return new TestPlan
        {
            Name = $"{uri.Host}{uri.AbsolutePath}".TrimEnd('/'),

            // The URL's origin, so that an arrival-rate test's pre-allocated VUs connect before the schedule starts.
            BaseUrl = new Uri(uri.GetLeftPart(UriPartial.Authority) + "/"),
            Scenarios =
            [
                new ScenarioPlan
                {
                    Name = "default",
                    Executor = executor,
                    GracefulStop = TimeSpan.FromSeconds(5),
                    Iteration = think == TimeSpan.Zero
                        ? vu => vu.Http.SendAsync(request)
                        : async vu =>
                        {
                            await vu.Http.SendAsync(request).ConfigureAwait(false);
                            await vu.SleepAsync(think).ConfigureAwait(false);
                        },
                },
            ],
        };
    }

    private static bool LooksLikeJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
