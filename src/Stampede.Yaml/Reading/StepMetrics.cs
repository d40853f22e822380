using Stampede.Metrics;
using Stampede.Yaml.Flows;

namespace Stampede.Yaml.Reading;

/// <summary>Which kind of step records each built-in metric that only one kind records, so a threshold on it can be checked against the plan's steps.</summary>
internal static class StepMetrics
{
    private static readonly HashSet<string> StepRecorded = new(
        BuiltinMetrics.All.Select(m => m.Name).Append(FlowShared.Retries.Name),
        StringComparer.Ordinal);

    /// <summary>The step kind (as <see cref="FlowReader.Recording"/> names it) and how a plan writes it, or null for metrics every run records.</summary>
    public static (string Kind, string Steps)? RecordedBy(string metric)
    {
        if (!StepRecorded.Contains(metric))
        {
            return null;
        }

        // data_sent and data_received stay out: which protocols count bytes is the protocols' business, not the plan's.
        return metric switch
        {
            _ when metric == BuiltinMetrics.GroupDuration.Name => ("group", "group:"),
            _ when metric.StartsWith("http_", StringComparison.Ordinal) => ("request", "request (get:, post:, …)"),
            _ when metric.StartsWith("sse_", StringComparison.Ordinal) => ("sse", "sse:"),
            _ when metric.StartsWith("ws_", StringComparison.Ordinal) => ("ws", "ws:"),
            _ when metric.StartsWith("llm_", StringComparison.Ordinal) => ("llm", "llm:"),
            _ => null,
        };
    }
}
