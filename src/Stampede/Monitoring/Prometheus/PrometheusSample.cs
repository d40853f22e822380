namespace Stampede.Monitoring.Prometheus;

/// <summary>One sample line of a Prometheus exposition: a series name, its labels, its value and optional timestamp.</summary>
/// <param name="Name">The sample's name, e.g. <c>http_requests_total</c> or <c>latency_seconds_bucket</c>.</param>
/// <param name="Labels">Label pairs in the order written, values unescaped.</param>
/// <param name="Value">The value; may be NaN or ±Infinity.</param>
/// <param name="Timestamp">The timestamp as written (milliseconds in text format 0.0.4, seconds in OpenMetrics), or null.</param>
public sealed record PrometheusSample(string Name, IReadOnlyList<KeyValuePair<string, string>> Labels, double Value, double? Timestamp = null);
