namespace Stampede.Metrics;

/// <summary>The four kinds of metric, with k6's meanings.</summary>
public enum MetricKind
{
    /// <summary>A sum that only grows (requests, bytes). Aggregations: <c>count</c>, <c>rate</c> (per second).</summary>
    Counter,

    /// <summary>The last value set, with its min and max (VUs). Aggregations: <c>value</c>, <c>min</c>, <c>max</c>.</summary>
    Gauge,

    /// <summary>The share of non-zero samples (failed requests, checks). Aggregation: <c>rate</c>.</summary>
    Rate,

    /// <summary>A distribution (durations, sizes). Aggregations: <c>avg</c>, <c>min</c>, <c>max</c>, <c>med</c>, <c>p(N)</c>, <c>count</c>.</summary>
    Trend,
}
