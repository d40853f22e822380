using System.Globalization;
using Stampede.Metrics;
using Stampede.Plans.Tenants;

namespace Stampede.Execution.Tenancy;

/// <summary>
/// Judges budget isolation from a result's per-tenant, per-second series. The run splits at the second the exhausted
/// tenant's first request was refused with 429: a throttled tenant must see such refusals after it; an unaffected
/// one must see none, an error rate within its tolerance of the phase before, and a p95 (the request-weighted mean of
/// its seconds' p95) within its tolerance too.
/// </summary>
internal static class IsolationJudge
{
    public const string Isolated = "isolated";
    public const string Leaked = "leaked";
    public const string Inconclusive = "inconclusive";

    public static IsolationResult Judge(IsolationPlan plan, RunResult result, IReadOnlyList<string> tenants)
    {
        var seconds = Math.Max(result.Meta.Seconds, 1);
        var series = tenants.ToDictionary(t => t, t => TenantSeconds.Of(result, t, seconds), StringComparer.Ordinal);
        var exhausted = series.TryGetValue(plan.Exhaust, out var ex) ? ex : new TenantSeconds(seconds);
        var at = Array.FindIndex(exhausted.Throttled, t => t > 0);
        if (at < 0)
        {
            return new IsolationResult
            {
                Verdict = Inconclusive,
                Exhaust = plan.Exhaust,
                Evidence = [new IsolationEvidence { Tenant = plan.Exhaust, Expected = Name(TenantExpectation.Throttled), Reason = "its budget never ran out: no request was refused with 429" }],
            };
        }

        var evidence = tenants.Select(t => Evidence(plan, t, series[t], at)).ToList();
        return new IsolationResult
        {
            Verdict = evidence.All(e => e.Passed) ? Isolated : Leaked,
            Exhaust = plan.Exhaust,
            ExhaustedAtSecond = at,
            Evidence = evidence,
        };
    }

    private static IsolationEvidence Evidence(IsolationPlan plan, string tenant, TenantSeconds s, int at)
    {
        var expected = plan.ExpectationOf(tenant);
        var (errorsBefore, errorsAfter) = (s.ErrorRate(0, at), s.ErrorRate(at, s.Requests.Length));
        var (p95Before, p95After) = (s.P95(0, at), s.P95(at, s.Requests.Length));
        var throttled = (long)s.Throttled.Skip(at).Sum();
        bool passed;
        string reason;
        if (expected == TenantExpectation.Throttled)
        {
            passed = throttled > 0;
            reason = passed ? $"{throttled} requests refused with 429 after its budget ran out" : "no request refused with 429 after the budget ran out";
        }
        else if (throttled > 0)
        {
            passed = false;
            reason = $"{throttled} of its requests were refused with 429 after another tenant's budget ran out";
        }
        else if (errorsAfter > errorsBefore + plan.ErrorRateTolerance)
        {
            passed = false;
            reason = string.Create(CultureInfo.InvariantCulture, $"error rate rose from {errorsBefore:0.##%} to {errorsAfter:0.##%}, past the tolerance of {plan.ErrorRateTolerance:0.##%}");
        }
        else if (p95Before is { } before && p95After is { } after && after > before * (1 + plan.LatencyTolerance))
        {
            passed = false;
            reason = string.Create(CultureInfo.InvariantCulture, $"p95 rose from {before:0.#} ms to {after:0.#} ms, past the tolerance of {plan.LatencyTolerance:0.##%}");
        }
        else
        {
            passed = true;
            reason = "error rate and p95 within tolerance of the phase before";
        }

        return new IsolationEvidence
        {
            Tenant = tenant,
            Expected = Name(expected),
            Passed = passed,
            ErrorRateBefore = Math.Round(errorsBefore, 6),
            ErrorRateAfter = Math.Round(errorsAfter, 6),
            P95Before = p95Before is { } pb ? Math.Round(pb, 3) : null,
            P95After = p95After is { } pa ? Math.Round(pa, 3) : null,
            Throttled = throttled,
            Reason = reason,
        };
    }

    public static string Name(TenantExpectation expectation) => expectation == TenantExpectation.Throttled ? "throttled" : "unaffected";

    /// <summary>One tenant's requests, failures, refusals and latency, second by second.</summary>
    private sealed class TenantSeconds(int seconds)
    {
        public double[] Requests { get; } = new double[seconds];

        public double[] Failures { get; } = new double[seconds];

        public double[] Throttled { get; } = new double[seconds];

        public double[] LatencyCount { get; } = new double[seconds];

        public double[] LatencyP95Sum { get; } = new double[seconds];

        public static TenantSeconds Of(RunResult result, string tenant, int seconds)
        {
            var s = new TenantSeconds(seconds);
            foreach (var metric in result.Metrics)
            {
                foreach (var series in metric.Series)
                {
                    if (!series.Tags.TryGetValue("tenant", out var t) || t != tenant || series.Timeline is not { } timeline)
                    {
                        continue;
                    }

                    switch (metric.Name)
                    {
                        case "http_reqs" or "llm_requests":
                            Add(s.Requests, timeline.Start, timeline.Values);
                            if (metric.Name == "http_reqs" && series.Tags.TryGetValue("status", out var status) && status == "429")
                            {
                                Add(s.Throttled, timeline.Start, timeline.Values);
                            }

                            break;
                        case "llm_errors":
                            Add(s.Failures, timeline.Start, timeline.Values);
                            break;
                        case "llm_throttled":
                            Add(s.Throttled, timeline.Start, timeline.Values);
                            break;
                        case "http_req_failed":
                            Add(s.Failures, timeline.Start, timeline.Passes?.Select(p => (double)p).ToList());
                            break;
                        case "http_req_duration" or "llm_e2e":
                            if (timeline.Total is { } counts && timeline.P95 is { } p95)
                            {
                                for (var i = 0; i < counts.Count && timeline.Start + i < seconds; i++)
                                {
                                    s.LatencyCount[timeline.Start + i] += counts[i];
                                    s.LatencyP95Sum[timeline.Start + i] += counts[i] * p95[i];
                                }
                            }

                            break;
                    }
                }
            }

            return s;
        }

        public double ErrorRate(int from, int to)
        {
            var requests = Requests[from..to].Sum();
            return requests == 0 ? 0 : Math.Min(1, Failures[from..to].Sum() / requests);
        }

        public double? P95(int from, int to)
        {
            var count = LatencyCount[from..to].Sum();
            return count == 0 ? null : LatencyP95Sum[from..to].Sum() / count;
        }

        private static void Add(double[] into, int start, IReadOnlyList<double>? values)
        {
            if (values is null)
            {
                return;
            }

            for (var i = 0; i < values.Count && start + i < into.Length; i++)
            {
                into[start + i] += values[i];
            }
        }
    }
}
